package io.kafkadr.workflows.operation;

import java.util.List;

/**
 * What one group's move did ({@code client}: its label, {@code consumer <group>}): the move for the report, its steps and notes for the operation's
 * timeline, and whether the operator aborted the operation there (failback only).
 */
public record GroupMoveResult(String client, ClientMove move, List<Step> steps, List<String> notes, boolean aborted) {

    public GroupMoveResult {
        steps = steps == null ? List.of() : List.copyOf(steps);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
