package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;

/**
 * One application's move with the operator in the loop, in workflow code: what a
 * {@link GroupMoveWorkflow} runs, and what failover and failback ran inline before groups moved
 * as children (their recorded histories still replay through it). An application is one consumer
 * group, or several that share a binding ({@link ConsumerApps}, first one leads): it is stopped
 * once, every group handed over, started once, and each group's health checked; one move per
 * group is returned, in the application's order.
 */
public class GroupMove {

    private final ClientMoves moves;
    private final Timeline timeline;

    public GroupMove(ClientMoves moves, Timeline timeline) {
        this.moves = moves;
        this.timeline = timeline;
    }

    /** One consumer group alone (runs recorded before applications moved as one). */
    public ClientMove failover(PairConfig pair, Direction direction, ClientRef group, boolean sourceReachable) {
        return failover(pair, direction, List.of(group), sourceReachable).get(0);
    }

    /** Moves an application to the target; an unhealthy group waits for the operator: retry, skip or rollback. */
    public List<ClientMove> failover(PairConfig pair, Direction direction, List<ClientRef> app, boolean sourceReachable) {
        ClientMoves.HandOverOutcome handed = moves.stopAndHandOver(pair, direction, app, sourceReachable,
                List.of(ClientDecision.SKIP));
        if (!handed.handedOver()) {
            return app.stream().map(g -> new ClientMove(g.label(), direction.source(), direction.source(), "stayed",
                    List.of(), handed.failure(), -1)).toList();
        }
        return startAndCheck(pair, app, direction.source(), direction.target(), handed.offsets());
    }

    /** Starts a producer on {@code to} and waits until healthy; unhealthy: retry, skip or rollback. */
    public ClientMove startAndCheck(PairConfig pair, ClientRef client, String from, String to) {
        return startAndCheck(pair, List.of(client), from, to, Map.of()).get(0);
    }

    /**
     * Starts an application on {@code to} and waits until each of its groups is healthy past the
     * offsets it was handed over at; unhealthy: retry, skip or rollback.
     */
    private List<ClientMove> startAndCheck(PairConfig pair, List<ClientRef> app, String from, String to,
                                           Map<String, List<OffsetHandOver>> offsets) {
        ClientRef lead = app.get(0);
        String notStarted = moves.tryStart(pair, lead, to);
        while (true) {
            String why = notStarted != null ? notStarted : firstUnhealthy(pair, app, to, offsets);
            if (why == null) {
                long at = Workflow.currentTimeMillis();
                return app.stream().map(g -> new ClientMove(g.label(), from, to, "moved", of(offsets, g),
                        g.label() + " healthy on " + to, at)).toList();
            }
            ClientDecision decision = moves.awaitDecision(app, why, MovePurpose.FAILOVER.decisions());
            switch (decision.action()) {
                case ClientDecision.SKIP -> {
                    timeline.note(ClientMoves.label(app) + ": health check skipped by " + decision.by() + ": " + why);
                    return app.stream().map(g -> new ClientMove(g.label(), from, to, "skipped-health-check", of(offsets, g),
                            why, -1)).toList();
                }
                case ClientDecision.ROLLBACK -> {
                    moves.rollBack(pair, lead, from);
                    timeline.note(ClientMoves.label(app) + ": rolled back to " + from + " by " + decision.by());
                    return app.stream().map(g -> new ClientMove(g.label(), from, from, "rolled-back", of(offsets, g),
                            why, -1)).toList();
                }
                default -> {
                    timeline.note(ClientMoves.label(app) + ": " + (notStarted != null ? "start" : "health check")
                            + " retried by " + decision.by());
                    if (notStarted != null) {
                        notStarted = moves.tryStart(pair, lead, to);
                    }
                }
            }
        }
    }

    /** One consumer group alone (runs recorded before applications moved as one); null when aborted. */
    public ClientMove failback(PairConfig pair, Direction back, ClientRef group) {
        List<ClientMove> moved = failback(pair, back, List.of(group));
        return moved == null ? null : moved.get(0);
    }

    /**
     * Moves an application back to the primary (target of {@code back}); when a group is unhealthy
     * the application returns to the secondary and waits for the operator: retry, skip (it stays)
     * or abort (null returned).
     */
    public List<ClientMove> failback(PairConfig pair, Direction back, List<ClientRef> app) {
        ClientRef lead = app.get(0);
        while (true) {
            ClientMoves.HandOverOutcome handed = moves.stopAndHandOver(pair, back, app, true,
                    List.of(ClientDecision.SKIP, ClientDecision.ABORT));
            if (!handed.handedOver()) {
                return ClientDecision.ABORT.equals(handed.decision().action()) ? null
                        : app.stream().map(g -> new ClientMove(g.label(), back.source(), back.source(), "stayed", List.of(),
                                handed.failure(), -1)).toList();
            }
            String notStarted = moves.tryStart(pair, lead, back.target());
            String why = notStarted != null ? notStarted : firstUnhealthy(pair, app, back.target(), handed.offsets());
            if (why == null) {
                long at = Workflow.currentTimeMillis();
                return app.stream().map(g -> new ClientMove(g.label(), back.source(), back.target(), "moved",
                        handed.of(g), "healthy", at)).toList();
            }
            moves.rollBack(pair, lead, back.source());
            ClientDecision decision = moves.awaitDecision(app, why + "; it is back on " + back.source(),
                    MovePurpose.FAILBACK.decisions());
            timeline.note(ClientMoves.label(app) + ": " + decision.action() + " by " + decision.by() + " after: " + why);
            switch (decision.action()) {
                case ClientDecision.SKIP -> {
                    return app.stream().map(g -> new ClientMove(g.label(), back.source(), back.source(), "stayed",
                            handed.of(g), why, -1)).toList();
                }
                case ClientDecision.ABORT -> {
                    return null;
                }
                default -> { }
            }
        }
    }

    /** The first group of {@code app} that is not healthy on {@code to}: why; null when all are. */
    private String firstUnhealthy(PairConfig pair, List<ClientRef> app, String to, Map<String, List<OffsetHandOver>> offsets) {
        for (ClientRef group : app) {
            String why = moves.health(pair, group, to, ClientMoves.baseline(of(offsets, group)));
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private static List<OffsetHandOver> of(Map<String, List<OffsetHandOver>> offsets, ClientRef group) {
        return offsets.getOrDefault(group.label(), List.of());
    }
}
