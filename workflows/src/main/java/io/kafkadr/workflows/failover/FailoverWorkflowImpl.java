package io.kafkadr.workflows.failover;

import io.kafkadr.workflows.clients.ClientActivities;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.common.Retries;
import io.kafkadr.workflows.drpair.LockRequest;
import io.kafkadr.workflows.drpair.Observation;
import io.kafkadr.workflows.drpair.PairLockActivities;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.drpair.Release;
import io.kafkadr.workflows.drpair.Watch;
import io.kafkadr.workflows.handover.HandOverActivities;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairSource;
import io.kafkadr.workflows.pair.ProducerConfig;
import io.kafkadr.workflows.replication.ConnectActivities;
import io.kafkadr.workflows.verify.Check;
import io.kafkadr.workflows.verify.VerificationReport;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflow;
import io.kafkadr.workflows.verify.VerifyRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

public class FailoverWorkflowImpl implements FailoverWorkflow {

    /**
     * Quick calls (lock, reachability, connector removal): a short start-to-close timeout, so a
     * call lost with a killed worker is retried within seconds.
     */
    static final ActivityOptions QUICK = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(Retries.backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 10))
            .build();

    /**
     * Client moves and waits: they heartbeat, so a worker killed mid-way is noticed within the
     * heartbeat timeout and the step resumes on another worker.
     */
    static final ActivityOptions MOVES = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(30))
            .setHeartbeatTimeout(Duration.ofSeconds(15))
            .setRetryOptions(Retries.backoff(Duration.ofSeconds(2), Duration.ofSeconds(20), 20))
            .build();

    private final PairLockActivities lock = Workflow.newActivityStub(PairLockActivities.class, QUICK);
    private final ClusterActivities cluster = Workflow.newActivityStub(ClusterActivities.class, QUICK);
    private final ConnectActivities connect = Workflow.newActivityStub(ConnectActivities.class, QUICK);
    private final ClientActivities clients = Workflow.newActivityStub(ClientActivities.class, MOVES);
    private final HandOverActivities handOver = Workflow.newActivityStub(HandOverActivities.class, MOVES);

    private Progress progress = new Progress("starting", "");
    private Approval approval;
    private final Map<String, ClientDecision> decisions = new HashMap<>();
    private final List<Step> timeline = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    @Override
    public FailoverReport failover(FailoverRequest request) {
        long triggeredAt = Workflow.currentTimeMillis();
        String operationId = Workflow.getInfo().getWorkflowId();
        FailoverRequest req = validate(request);
        PairConfig pair = PairSource.resolve(req.pair(), req.pairFile());
        boolean planned = FailoverRequest.PLANNED.equals(req.mode());
        Direction direction = Direction.primaryToSecondary(pair);
        String from = direction.source();
        String to = direction.target();

        PairState state = step("lock", "pair " + pair.name(),
                () -> lock.acquire(pair, new LockRequest(operationId, "failover", triggeredAt)));
        Outcome outcome = new Outcome();
        try {
            if (!from.equals(state.active())) {
                outcome.set("rejected", "pair '" + pair.name() + "' is active on '" + state.active()
                        + "', not on '" + from + "': nothing to fail over (fail back first)");
                return report(req, pair, operationId, outcome, from, to, triggeredAt, -1, List.of(), List.of(),
                        List.of(), List.of(), List.of(), 0);
            }
            List<Check> preChecks = List.of();
            boolean sourceReachable = true;
            if (planned) {
                VerificationReport verification = step("pre-checks", "replication " + direction + " healthy",
                        () -> preCheck(pair, operationId));
                preChecks = verification.checks();
                lock.observe(pair, new Observation(endOffsets(verification), verification.endedAtMillis()));
                if (!verification.passed()) {
                    outcome.set("aborted", "pre-checks failed: " + verification.failedChecks() + " of "
                            + preChecks.size() + " checks; nothing was moved");
                    return report(req, pair, operationId, outcome, from, to, triggeredAt, -1, preChecks, List.of(),
                            List.of(), List.of(), List.of(), 0);
                }
            } else {
                sourceReachable = step("primary reachable?", from, () -> cluster.reachable(pair, from));
                notes.add(sourceReachable
                        ? "unplanned failover while '" + from + "' still answers: it was NOT fenced; stop its producers"
                        : "'" + from + "' did not answer: it cannot be fenced; clients left there may write to it if it returns");
                notes.add(req.incidentId() != null ? "incident " + req.incidentId() : "forced without an incident id");
            }
            boolean needsApproval = req.requireApproval() != null ? req.requireApproval() : pair.failoverRequiresApproval();
            if (needsApproval && !awaitApproval(pair)) {
                outcome.set("aborted", "no approval within " + pair.failover().approvalTimeoutSeconds() + " s");
                return report(req, pair, operationId, outcome, from, to, triggeredAt, -1, preChecks, List.of(),
                        List.of(), List.of(), List.of(), 0);
            }
            List<ClientMove> consumers = new ArrayList<>();
            for (ConsumerGroupConfig group : pair.consumerGroups()) {
                consumers.add(moveConsumer(pair, direction, ClientRef.of(group), sourceReachable));
            }
            List<PartitionOffset> drainedTo = List.of();
            List<ClientMove> producers = new ArrayList<>();
            List<ClientRef> producerRefs = pair.producers().stream().map(ClientRef::of).toList();
            if (planned) {
                step("stop producers", from, () -> {
                    producerRefs.forEach(p -> clients.stop(pair, p));
                    return null;
                });
                drainedTo = step("drain replication", direction.toString(), () -> handOver.awaitDrained(pair, direction));
            }
            for (ClientRef producer : producerRefs) {
                producers.add(startProducer(pair, producer, from, to));
            }
            long rto = Workflow.currentTimeMillis() - triggeredAt;
            step(planned ? "delete connectors" : "stop connectors", direction.toString(),
                    () -> connect.removeConnectors(pair, direction, planned));
            List<PartitionOffset> lossBound = planned ? List.of() : lossBound(state, pair, direction, triggeredAt);
            outcome.set("completed", "active on '" + to + "', no replication");
            outcome.switched = true;
            return report(req, pair, operationId, outcome, from, to, triggeredAt, rto, preChecks, consumers, producers,
                    drainedTo, lossBound, state.observedAtMillis());
        } finally {
            Outcome done = outcome;
            Workflow.newDetachedCancellationScope(() -> lock.release(pair, new Release(operationId,
                    done.outcome == null ? "failed" : done.outcome, done.switched ? to : null, done.switched, null,
                    Workflow.currentTimeMillis()))).run();
        }
    }

    private static final class Outcome {
        String outcome;
        String detail;
        boolean switched;

        void set(String outcome, String detail) {
            this.outcome = outcome;
            this.detail = detail;
        }
    }

    private FailoverRequest validate(FailoverRequest request) {
        if (request == null || !(FailoverRequest.PLANNED.equals(request.mode())
                || FailoverRequest.UNPLANNED.equals(request.mode()))) {
            throw ApplicationFailure.newNonRetryableFailure("mode must be 'planned' or 'unplanned' (got "
                    + (request == null ? "no input" : "'" + request.mode() + "'") + ")", ActivityFailures.BAD_INPUT);
        }
        boolean hasIncident = request.incidentId() != null && !request.incidentId().isBlank();
        if (FailoverRequest.UNPLANNED.equals(request.mode()) && !request.force() && !hasIncident) {
            throw ApplicationFailure.newNonRetryableFailure("an unplanned failover cannot fence the primary: "
                    + "give an incident id (--incident ID) or force it (--force)", ActivityFailures.BAD_INPUT);
        }
        return request;
    }

    private VerificationReport preCheck(PairConfig pair, String operationId) {
        return Workflow.newChildWorkflowStub(VerifyReplicationWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(operationId + "/pre-checks").build()).verify(new VerifyRequest(pair, null, null));
    }

    private boolean awaitApproval(PairConfig pair) {
        progress = new Progress("await approval", "signal 'approve' (drctl approve " + Workflow.getInfo().getWorkflowId() + ")");
        long start = Workflow.currentTimeMillis();
        boolean approved = Workflow.await(Duration.ofSeconds(pair.failover().approvalTimeoutSeconds()), () -> approval != null);
        timeline.add(new Step("approval", start, Workflow.currentTimeMillis(),
                approved ? "approved by " + approval.by() + ": " + approval.reason() : "timed out"));
        return approved;
    }

    private ClientMove moveConsumer(PairConfig pair, Direction direction, ClientRef group, boolean sourceReachable) {
        String from = direction.source();
        String to = direction.target();
        step("stop " + group.label(), "on " + from, () -> {
            clients.stop(pair, group);
            if (sourceReachable) {
                handOver.awaitGroupEmpty(pair, from, group.name());
            }
            return null;
        });
        List<OffsetHandOver> offsets = step("hand over " + group.label(), from + " -> " + to,
                () -> handOver.handOver(pair, direction, group.name(), sourceReachable));
        offsets.stream().filter(o -> OffsetHandOver.MM2.equals(o.derivation())).findFirst().ifPresent(o ->
                notes.add(group.label() + ": no exact match for some partitions, MM2's translated offsets used "
                        + "(may re-deliver records)"));
        List<PartitionOffset> baseline = offsets.stream()
                .map(o -> new PartitionOffset(o.targetTopic(), o.partition(), o.targetOffset())).toList();
        return startAndCheck(pair, group, from, to, baseline, offsets);
    }

    private ClientMove startProducer(PairConfig pair, ClientRef producer, String from, String to) {
        return startAndCheck(pair, producer, from, to, List.of(), List.of());
    }

    /** Starts the client on {@code to}; an unhealthy client waits for the operator's decision. */
    private ClientMove startAndCheck(PairConfig pair, ClientRef client, String from, String to,
                                     List<PartitionOffset> baseline, List<OffsetHandOver> offsets) {
        step("start " + client.label(), "on " + to, () -> {
            clients.start(pair, client, to);
            return null;
        });
        while (true) {
            long start = Workflow.currentTimeMillis();
            progress = new Progress("health " + client.label(), "on " + to);
            try {
                String health = clients.awaitHealthy(pair, client, to, baseline);
                long healthyAt = Workflow.currentTimeMillis();
                timeline.add(new Step("health " + client.label(), start, healthyAt, health));
                return new ClientMove(client.label(), from, to, "moved", offsets, health, healthyAt);
            } catch (ActivityFailure e) {
                String why = rootMessage(e);
                timeline.add(new Step("health " + client.label(), start, Workflow.currentTimeMillis(), "UNHEALTHY: " + why));
                ClientDecision decision = awaitDecision(client, why);
                switch (decision.action()) {
                    case ClientDecision.SKIP -> {
                        notes.add(client.label() + ": health check skipped by " + decision.by() + ": " + why);
                        return new ClientMove(client.label(), from, to, "skipped-health-check", offsets, why, -1);
                    }
                    case ClientDecision.ROLLBACK -> {
                        step("roll back " + client.label(), "to " + from, () -> {
                            clients.stop(pair, client);
                            clients.start(pair, client, from);
                            return null;
                        });
                        notes.add(client.label() + ": rolled back to " + from + " by " + decision.by());
                        return new ClientMove(client.label(), from, from, "rolled-back", offsets, why, -1);
                    }
                    default -> notes.add(client.label() + ": health check retried by " + decision.by());
                }
            }
        }
    }

    private ClientDecision awaitDecision(ClientRef client, String why) {
        decisions.remove(client.label());
        progress = new Progress("waiting for operator", client.label() + " is not healthy (" + why + "): signal 'decide' "
                + "with {\"client\": \"" + client.label() + "\", \"action\": \"retry|skip|rollback\", \"by\": \"you\"}");
        Workflow.await(() -> decisions.containsKey(client.label()));
        return decisions.remove(client.label());
    }

    private List<PartitionOffset> lossBound(PairState state, PairConfig pair, Direction direction, long triggeredAt) {
        if (state.observedAtMillis() == 0) {
            notes.add("no loss bound: the pair entity never observed '" + direction.source() + "' (was replication "
                    + "set up through kafka-dr?)");
            return List.of();
        }
        long until = state.silentSinceMillis() > 0 ? state.silentSinceMillis() : triggeredAt;
        notes.add("loss bound: records '" + direction.source() + "' was last seen (" + (triggeredAt - state.observedAtMillis())
                + " ms before the trigger) to hold beyond what MM2 copied, plus what it could write at its peak rate "
                + "until it fell silent; an upper bound unless a burst outran that rate");
        return Watch.lossBound(state, connect.replicatedOffsets(pair, direction), until);
    }

    private static List<PartitionOffsets> endOffsets(VerificationReport verification) {
        return verification.partitions().stream()
                .map(p -> new PartitionOffsets(p.topic(), p.partition(), p.sourceEndOffset() - p.sourceCount(), p.sourceEndOffset()))
                .toList();
    }

    private <T> T step(String name, String detail, Supplier<T> body) {
        progress = new Progress(name, detail);
        long start = Workflow.currentTimeMillis();
        T result = body.get();
        timeline.add(new Step(name, start, Workflow.currentTimeMillis(), detail));
        return result;
    }

    private FailoverReport report(FailoverRequest req, PairConfig pair, String operationId, Outcome outcome, String from,
                                  String to, long triggeredAt, long rto, List<Check> preChecks, List<ClientMove> consumers,
                                  List<ClientMove> producers, List<PartitionOffset> drainedTo,
                                  List<PartitionOffset> lossBound, long lossBoundAsOf) {
        notes.add(outcome.detail);
        progress = new Progress("done", outcome.outcome + ": " + outcome.detail);
        return new FailoverReport(operationId, pair.name(), req.mode(), req.reason(), req.incidentId(),
                approval == null ? null : approval.by(), outcome.outcome, from, to, triggeredAt,
                Workflow.currentTimeMillis(), rto, List.copyOf(timeline), preChecks, consumers, producers, drainedTo,
                lossBound, lossBoundAsOf, List.copyOf(notes));
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof ApplicationFailure a ? a.getOriginalMessage() : t.getMessage();
    }

    @Override
    public void approve(Approval approval) {
        if (approval != null && approval.by() != null && !approval.by().isBlank()) {
            this.approval = approval;
        }
    }

    @Override
    public void decide(ClientDecision decision) {
        if (decision != null && decision.client() != null && List.of(ClientDecision.RETRY, ClientDecision.SKIP,
                ClientDecision.ROLLBACK).contains(decision.action())) {
            decisions.put(decision.client(), decision);
        }
    }

    @Override
    public Progress progress() {
        return progress;
    }
}
