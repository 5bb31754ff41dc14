package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.clients.ClientActivities;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.handover.HandOverActivities;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Moving clients from one cluster to the other, in workflow code, with an operator in the loop
 * when a client is not healthy: the steps failover, failback and one group's move share.
 * Activities get the pair without its client lists ({@link PairConfig#withoutClients()}): a
 * client's call carries its own binding, so its input does not grow with the number of groups.
 */
public class ClientMoves {

    /** The {@code client} of a {@code decide} signal about the producers as a whole (a drain that gave up). */
    public static final String PRODUCERS = "producers";

    /**
     * {@code Workflow.getVersion} change id: consumer groups that share a binding move as one
     * application (one stop, every group handed over, one start) instead of one by one.
     */
    public static final String SHARED_BINDINGS = "shared-bindings";

    /**
     * {@code Workflow.getVersion} change id: partitions a group never committed on the source are
     * handed over too, at the copy of where its client would have started there
     * ({@link HandOverActivities#uncommittedStarts}, taken before the stop).
     */
    public static final String UNCOMMITTED_PARTITIONS = "uncommitted-partitions";

    private final ClientActivities clients;
    private final HandOverActivities handOver;
    private final Timeline timeline;
    private final OperatorGate gate;

    public ClientMoves(ClientActivities clients, HandOverActivities handOver, Timeline timeline, OperatorGate gate) {
        this.clients = clients;
        this.handOver = handOver;
        this.timeline = timeline;
        this.gate = gate;
    }

    /**
     * Where an application's hand-over ended: each group's offsets (by label), or the operator's
     * decision after it failed.
     */
    public record HandOverOutcome(Map<String, List<OffsetHandOver>> offsets, ClientDecision decision, String failure) {
        public boolean handedOver() {
            return decision == null;
        }

        /** The offsets {@code group} was handed over at (none when it was not). */
        public List<OffsetHandOver> of(ClientRef group) {
            return offsets.getOrDefault(group.label(), List.of());
        }
    }

    /**
     * Stops the application of {@code app} (its first group's binding: every group of it shares
     * that binding, see {@link ConsumerApps}) on the source and hands every group's offsets over
     * exactly. When a hand-over fails for good (no record to match and no MM2 checkpoint, a group
     * that will not leave), the application starts on the source again where that answers, so it
     * is never left stopped, and the operator decides: {@code retry}, or one of
     * {@code otherActions} (returned).
     */
    public HandOverOutcome stopAndHandOver(PairConfig pair, Direction direction, List<ClientRef> app,
                                           boolean sourceReachable, List<String> otherActions) {
        PairConfig slim = pair.withoutClients();
        ClientRef lead = app.get(0);
        String from = direction.source();
        String to = direction.target();
        while (true) {
            // Added after the first release: a stop or an empty-group wait that fails for good ends in
            // the decide loop with the group running where it was, not in a failed run with it stopped.
            boolean stopDecided = Workflow.getVersion("stop-in-decide-loop", Workflow.DEFAULT_VERSION, 1) == 1;
            if (!stopDecided) {
                stop(slim, app, from, sourceReachable);
            }
            Map<String, List<PartitionOffset>> uncommitted = new LinkedHashMap<>();
            try {
                if (stopDecided) {
                    stop(slim, direction, app, sourceReachable, uncommitted);
                }
                Map<String, List<OffsetHandOver>> handed = new LinkedHashMap<>();
                for (ClientRef group : app) {
                    List<OffsetHandOver> offsets = timeline.step("hand over " + group.label(), from + " -> " + to,
                            () -> handOver.handOver(slim, direction, group.name(), sourceReachable,
                                    uncommitted.get(group.label())));
                    offsets.stream().filter(o -> OffsetHandOver.MM2.equals(o.derivation())).findFirst().ifPresent(o ->
                            timeline.note(group.label() + ": no exact match for some partitions, MM2's translated offsets "
                                    + "used (may re-deliver records)"));
                    handed.put(group.label(), offsets);
                }
                return new HandOverOutcome(handed, null, null);
            } catch (ActivityFailure e) {
                if (Workflow.getVersion("hand-over-decision", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
                    throw e;
                }
                String why = Timeline.rootMessage(e);
                if (sourceReachable) {
                    timeline.step("restart " + lead.label(), "on " + from + " after: " + why, () -> {
                        clients.start(slim, lead, from);
                        return null;
                    });
                }
                List<String> actions = new ArrayList<>(List.of(ClientDecision.RETRY));
                actions.addAll(otherActions);
                ClientDecision decision = gate.awaitDecision(lead.label(), label(app) + " could not be handed over to "
                        + to + " (" + why + ")" + (sourceReachable ? "; it runs on " + from + " again" : ""), actions);
                timeline.note(label(app) + ": " + decision.action() + " by " + decision.by()
                        + " after the hand-over failed: " + why);
                if (!ClientDecision.RETRY.equals(decision.action())) {
                    return new HandOverOutcome(Map.of(), decision, why);
                }
            }
        }
    }

    /**
     * How the timeline and the operator name an application: its group's label, or, when several
     * groups share its binding, the first one's with the others in brackets. Decisions about it
     * use the first group's label ({@code consumer <group>}).
     */
    public static String label(List<ClientRef> app) {
        return app.size() == 1 ? app.get(0).label() : app.get(0).label() + " (one application with "
                + app.subList(1, app.size()).stream().map(ClientRef::label).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Before anything moves: every client binding of the pair can be run by this worker, or the
     * run fails listing every problem. Added after the first release: histories recorded before it
     * replay without this call.
     */
    public void checkBindings(PairConfig pair) {
        if (Workflow.getVersion("binding-preflight", Workflow.DEFAULT_VERSION, 1) == 1) {
            timeline.step("bindings", "every client can be moved by this worker", () -> {
                clients.checkBindings(pair);
                return null;
            });
        }
    }

    /** Stops the group and, when {@code from} answers, waits until no member is left there. */
    public void stop(PairConfig pair, ClientRef group, String from, boolean fromReachable) {
        stop(pair, List.of(group), from, fromReachable);
    }

    /** Stops the application once and, when {@code from} answers, waits until each of its groups is empty there. */
    public void stop(PairConfig pair, List<ClientRef> app, String from, boolean fromReachable) {
        PairConfig slim = pair.withoutClients();
        timeline.step("stop " + label(app), "on " + from, () -> {
            clients.stop(slim, app.get(0));
            if (fromReachable) {
                app.forEach(group -> handOver.awaitGroupEmpty(slim, from, group.name()));
            }
            return null;
        });
    }

    /**
     * {@link #stop}, with, just before the stop (source reachable), where each group's client would
     * start in the partitions it never committed ({@code uncommitted}, by label), for its hand-over.
     * Before the stop, not after: whatever is written from then on is read on the target. Added
     * after the first release ({@value #UNCOMMITTED_PARTITIONS}): runs recorded before it stop
     * without the call and hand over committed partitions only.
     */
    private void stop(PairConfig slim, Direction direction, List<ClientRef> app, boolean fromReachable,
                      Map<String, List<PartitionOffset>> uncommitted) {
        String from = direction.source();
        timeline.step("stop " + label(app), "on " + from, () -> {
            if (fromReachable && Workflow.getVersion(UNCOMMITTED_PARTITIONS, Workflow.DEFAULT_VERSION, 1) == 1) {
                Map<String, List<PartitionOffset>> starts = handOver.uncommittedStarts(slim, direction, app);
                app.forEach(group -> uncommitted.put(group.label(), starts.getOrDefault(group.name(), List.of())));
            }
            clients.stop(slim, app.get(0));
            if (fromReachable) {
                app.forEach(group -> handOver.awaitGroupEmpty(slim, from, group.name()));
            }
            return null;
        });
    }

    public static List<PartitionOffset> baseline(List<OffsetHandOver> offsets) {
        return offsets.stream().map(o -> new PartitionOffset(o.targetTopic(), o.partition(), o.targetOffset())).toList();
    }

    public void start(PairConfig pair, ClientRef client, String cluster) {
        PairConfig slim = pair.withoutClients();
        timeline.step("start " + client.label(), "on " + cluster, () -> {
            clients.start(slim, client, cluster);
            return null;
        });
    }

    /**
     * Starts the client on {@code cluster}; a start that fails for good is returned as the reason
     * (for the decide loop), never thrown, so no client is left stopped by a failed run. Runs that
     * began before this behaviour throw as before.
     */
    public String tryStart(PairConfig pair, ClientRef client, String cluster) {
        if (Workflow.getVersion("start-in-decide-loop", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            start(pair, client, cluster);
            return null;
        }
        try {
            start(pair, client, cluster);
            return null;
        } catch (ActivityFailure e) {
            return "it did not start on " + cluster + ": " + Timeline.rootMessage(e);
        }
    }

    /** Health of a client just started on {@code to}; the failure message, or null when healthy. */
    public String health(PairConfig pair, ClientRef client, String to, List<PartitionOffset> baseline) {
        long start = Workflow.currentTimeMillis();
        timeline.at("health " + client.label(), "on " + to);
        try {
            String health = clients.awaitHealthy(pair.withoutClients(), client, to, baseline);
            timeline.add(new Step("health " + client.label(), start, Workflow.currentTimeMillis(), health));
            return null;
        } catch (ActivityFailure e) {
            String why = Timeline.rootMessage(e);
            timeline.add(new Step("health " + client.label(), start, Workflow.currentTimeMillis(), "UNHEALTHY: " + why));
            return why;
        }
    }

    /** Puts a client back where it came from (stop, start on {@code back}). */
    public void rollBack(PairConfig pair, ClientRef client, String back) {
        PairConfig slim = pair.withoutClients();
        timeline.step("roll back " + client.label(), "to " + back, () -> {
            clients.stop(slim, client);
            clients.start(slim, client, back);
            return null;
        });
    }

    /**
     * Waits for the operator's decision on an unhealthy application (one client, or groups that
     * share a binding: decided by the first one's label); only {@code actions} are accepted.
     */
    public ClientDecision awaitDecision(List<ClientRef> app, String why, List<String> actions) {
        return gate.awaitDecision(app.get(0).label(), label(app) + " is not healthy (" + why + ")", actions);
    }

    /**
     * Stops the producers on the source of {@code direction} and waits until replication has
     * copied everything they wrote; returns the source end offsets it drained to. When the drain
     * gives up, the producers start on the source again, so writes resume and replication keeps
     * carrying them to the consumers already moved, and the operator decides (client
     * {@value #PRODUCERS}): {@code retry} the stop and the drain, or {@code abort} (null returned).
     */
    public List<PartitionOffset> stopProducersAndDrain(PairConfig pair, Direction direction, List<ClientRef> producers,
                                                       String drainStep) {
        PairConfig slim = pair.withoutClients();
        boolean operatorDecides = Workflow.getVersion("drain-decision", Workflow.DEFAULT_VERSION, 1) == 1;
        while (true) {
            timeline.step("stop producers", direction.source(), () -> {
                producers.forEach(p -> clients.stop(slim, p));
                return null;
            });
            try {
                return timeline.step(drainStep, direction.toString(), () -> handOver.awaitDrained(slim, direction));
            } catch (ActivityFailure e) {
                if (!operatorDecides) {
                    throw e;
                }
                String why = Timeline.rootMessage(e);
                timeline.step("restart producers", "on " + direction.source() + " after: " + why, () -> {
                    producers.forEach(p -> clients.start(slim, p, direction.source()));
                    return null;
                });
                ClientDecision decision = gate.awaitDecision(PRODUCERS, "replication " + direction + " did not drain ("
                        + why + "); the producers write to " + direction.source() + " again",
                        List.of(ClientDecision.RETRY, ClientDecision.ABORT));
                timeline.note(PRODUCERS + ": " + decision.action() + " by " + decision.by() + " after: " + why);
                if (ClientDecision.ABORT.equals(decision.action())) {
                    return null;
                }
            }
        }
    }

    /**
     * Returns an application (its groups, see {@link ConsumerApps}) that had moved to the source of
     * {@code direction}, whose records there are replication's copies of the target's, to the
     * target at the records each group last consumed: stopped once, every group handed back,
     * started once. Not waited for when unhealthy: the operator has already chosen to go back.
     */
    public List<ClientMove> handBack(PairConfig pair, Direction direction, List<ClientRef> app) {
        PairConfig slim = pair.withoutClients();
        stop(slim, app, direction.source(), true);
        Map<String, List<OffsetHandOver>> handed = new LinkedHashMap<>();
        for (ClientRef group : app) {
            List<OffsetHandOver> offsets = timeline.step("hand back " + group.label(), direction.toString(),
                    () -> handOver.handBack(slim, direction, group.name()));
            if (offsets.stream().anyMatch(o -> OffsetHandOver.KEPT.equals(o.derivation()))) {
                timeline.note(group.label() + ": no exact match for some partitions, the offsets it had before it moved "
                        + "kept (may re-deliver records)");
            }
            handed.put(group.label(), offsets);
        }
        start(slim, app.get(0), direction.target());
        List<ClientMove> moves = new ArrayList<>();
        for (ClientRef group : app) {
            List<OffsetHandOver> offsets = handed.get(group.label());
            String why = health(slim, group, direction.target(), baseline(offsets));
            if (why != null) {
                timeline.note(group.label() + " is back on " + direction.target() + " but not healthy there: " + why);
            }
            moves.add(new ClientMove(group.label(), direction.source(), direction.target(), "handed-back", offsets,
                    why == null ? "healthy" : why, why == null ? Workflow.currentTimeMillis() : -1));
        }
        return moves;
    }

    /**
     * Hands back (see {@link #handBack}) every consumer group of {@code pair} that {@code moves}
     * left on the source of {@code direction}, newest move first; groups that share a binding go
     * back together as their application. Runs that began before applications moved as one handed
     * back group by group.
     */
    public List<ClientMove> handBackAll(PairConfig pair, Direction direction, List<ClientMove> moves) {
        boolean byApplication = Workflow.getVersion(SHARED_BINDINGS, Workflow.DEFAULT_VERSION, 1) == 1;
        List<ClientMove> handedBack = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (int i = moves.size() - 1; i >= 0; i--) {
            ClientMove move = moves.get(i);
            if (!direction.source().equals(move.to()) || done.contains(move.client())) {
                continue;
            }
            List<ClientRef> app = byApplication
                    ? ConsumerApps.ofLabel(pair.consumerGroups(), move.client()).orElseThrow().refs()
                    : pair.consumerGroups().stream().map(ClientRef::of).filter(g -> g.label().equals(move.client()))
                            .findFirst().map(List::of).orElseThrow();
            // only the groups of the application that are on the source now
            List<ClientRef> onSource = app.stream().filter(g -> moves.stream().anyMatch(m -> m.client().equals(g.label())
                    && direction.source().equals(m.to()))).toList();
            onSource.forEach(g -> done.add(g.label()));
            handedBack.addAll(handBack(pair, direction, onSource));
        }
        return handedBack;
    }
}
