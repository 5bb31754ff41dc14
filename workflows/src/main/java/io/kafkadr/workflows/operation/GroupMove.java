package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * One client's move with the operator in the loop, in workflow code: what a
 * {@link GroupMoveWorkflow} runs, and what failover and failback ran inline before groups moved
 * as children (their recorded histories still replay through it).
 */
public class GroupMove {

    private final ClientMoves moves;
    private final Timeline timeline;

    public GroupMove(ClientMoves moves, Timeline timeline) {
        this.moves = moves;
        this.timeline = timeline;
    }

    /** Moves one consumer group to the target; an unhealthy group waits for the operator: retry, skip or rollback. */
    public ClientMove failover(PairConfig pair, Direction direction, ClientRef group, boolean sourceReachable) {
        ClientMoves.HandOverOutcome handed = moves.stopAndHandOver(pair, direction, group, sourceReachable,
                List.of(ClientDecision.SKIP));
        if (!handed.handedOver()) {
            return new ClientMove(group.label(), direction.source(), direction.source(), "stayed", List.of(),
                    handed.failure(), -1);
        }
        return startAndCheck(pair, group, direction.source(), direction.target(),
                ClientMoves.baseline(handed.offsets()), handed.offsets());
    }

    /** Starts a client on {@code to} and waits until healthy; unhealthy: retry, skip or rollback. */
    public ClientMove startAndCheck(PairConfig pair, ClientRef client, String from, String to,
                                    List<PartitionOffset> baseline, List<OffsetHandOver> offsets) {
        String notStarted = moves.tryStart(pair, client, to);
        while (true) {
            String why = notStarted != null ? notStarted : moves.health(pair, client, to, baseline);
            if (why == null) {
                return new ClientMove(client.label(), from, to, "moved", offsets, client.label() + " healthy on " + to,
                        Workflow.currentTimeMillis());
            }
            ClientDecision decision = moves.awaitDecision(client, why, MovePurpose.FAILOVER.decisions());
            switch (decision.action()) {
                case ClientDecision.SKIP -> {
                    timeline.note(client.label() + ": health check skipped by " + decision.by() + ": " + why);
                    return new ClientMove(client.label(), from, to, "skipped-health-check", offsets, why, -1);
                }
                case ClientDecision.ROLLBACK -> {
                    moves.rollBack(pair, client, from);
                    timeline.note(client.label() + ": rolled back to " + from + " by " + decision.by());
                    return new ClientMove(client.label(), from, from, "rolled-back", offsets, why, -1);
                }
                default -> {
                    timeline.note(client.label() + ": " + (notStarted != null ? "start" : "health check") + " retried by "
                            + decision.by());
                    if (notStarted != null) {
                        notStarted = moves.tryStart(pair, client, to);
                    }
                }
            }
        }
    }

    /**
     * Moves one group back to the primary (target of {@code back}); an unhealthy group returns to
     * the secondary and waits for the operator: retry, skip (it stays) or abort (null returned).
     */
    public ClientMove failback(PairConfig pair, Direction back, ClientRef group) {
        while (true) {
            ClientMoves.HandOverOutcome handed = moves.stopAndHandOver(pair, back, group, true,
                    List.of(ClientDecision.SKIP, ClientDecision.ABORT));
            if (!handed.handedOver()) {
                return ClientDecision.ABORT.equals(handed.decision().action()) ? null
                        : new ClientMove(group.label(), back.source(), back.source(), "stayed", List.of(), handed.failure(), -1);
            }
            List<OffsetHandOver> offsets = handed.offsets();
            String notStarted = moves.tryStart(pair, group, back.target());
            String why = notStarted != null ? notStarted
                    : moves.health(pair, group, back.target(), ClientMoves.baseline(offsets));
            if (why == null) {
                return new ClientMove(group.label(), back.source(), back.target(), "moved", offsets, "healthy",
                        Workflow.currentTimeMillis());
            }
            moves.rollBack(pair, group, back.source());
            ClientDecision decision = moves.awaitDecision(group, why + "; it is back on " + back.source(),
                    MovePurpose.FAILBACK.decisions());
            timeline.note(group.label() + ": " + decision.action() + " by " + decision.by() + " after: " + why);
            switch (decision.action()) {
                case ClientDecision.SKIP -> {
                    return new ClientMove(group.label(), back.source(), back.source(), "stayed", offsets, why, -1);
                }
                case ClientDecision.ABORT -> {
                    return null;
                }
                default -> { }
            }
        }
    }
}
