package io.kafkadr.workflows.operation;

import java.util.ArrayList;
import java.util.List;

/**
 * What one application's move did ({@code client}: its first group's label, {@code consumer <group>}):
 * that group's move and, in {@code sharedMoves}, those of the groups that share its binding, for
 * the report; its steps and notes for the operation's timeline; and whether the operator aborted
 * the operation there (failback only).
 */
public record GroupMoveResult(String client, ClientMove move, List<Step> steps, List<String> notes, boolean aborted,
                              List<ClientMove> sharedMoves) {

    public GroupMoveResult {
        steps = steps == null ? List.of() : List.copyOf(steps);
        notes = notes == null ? List.of() : List.copyOf(notes);
        sharedMoves = sharedMoves == null ? List.of() : List.copyOf(sharedMoves);
    }

    /** The same result, its moves without their per-partition offsets (above 50 groups the operation's report drops them). */
    public GroupMoveResult withoutOffsets() {
        return new GroupMoveResult(client, move == null ? null : move.withoutOffsets(), steps, notes, aborted,
                sharedMoves.stream().map(ClientMove::withoutOffsets).toList());
    }

    /** Every group's move, the first group's first; none when aborted. */
    public List<ClientMove> moves() {
        List<ClientMove> all = new ArrayList<>();
        if (move != null) {
            all.add(move);
        }
        all.addAll(sharedMoves);
        return all;
    }
}
