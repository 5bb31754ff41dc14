package io.kafkadr.starter.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.starter.failback.Failback;
import io.kafkadr.starter.failover.Failover;
import io.kafkadr.starter.replicate.Replication;
import io.kafkadr.starter.temporal.OperationFailedException;
import io.kafkadr.starter.temporal.Operations;
import io.kafkadr.starter.temporal.TemporalOptions;
import io.kafkadr.starter.verify.Verification;
import io.kafkadr.workflows.drpair.DrPairWorkflow;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failback.FailbackRequest;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ReplicationSetupResult;
import io.kafkadr.workflows.verify.VerificationReport;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A DR drill on the local stack: stack up, worker and traffic on, then each runbook phase as
 * a workflow (replicate, verify, planned failover, failback, verify, all under traffic), each
 * phase reported with its checks; the sample apps' ledgers say what was lost or duplicated.
 */
public class LocalDrill {

    /** replicate, verify, failover, failback, verify. */
    static final int PHASES = 5;
    /** Sample traffic during the drill, records per second. */
    static final int TRAFFIC_RATE = 50;
    /** How long the consumer may take to read what the producer wrote before it stopped. */
    static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final PairConfig pair;
    private final TemporalOptions temporal;
    private final PrintStream progress;
    private final LocalStackControl stack = new LocalStackControl();

    public LocalDrill(PairConfig pair, TemporalOptions temporal, PrintStream progress) {
        this.pair = pair;
        this.temporal = temporal;
        this.progress = progress;
    }

    public DrillReport run() {
        Instant started = Instant.now();
        progress.println("[drill] bringing the local stack up");
        long upStart = System.nanoTime();
        JsonNode status = stack.up();
        long upMillis = (System.nanoTime() - upStart) / 1_000_000;
        long rssMiB = 0;
        for (JsonNode p : status.path("processes")) {
            rssMiB += p.path("rssKib").asLong() / 1024;
        }
        // Restarted so the drill runs the code just built; Temporal hands any task in flight to the new worker.
        stack.stop("worker");
        stack.start("worker");

        List<PhaseReport> phases = new ArrayList<>();
        try (Operations ops = new Operations(temporal, progress)) {
            ops.awaitWorker(Duration.ofSeconds(60));
            requireActiveOnPrimary(ops);
            long fromSeq = stack.audit(0).path("nextSeq").asLong();
            stack.start("traffic", "--rate", Integer.toString(TRAFFIC_RATE));
            phases.add(phase("replicate", Replication.workflowId(pair), () -> {
                ReplicationSetupResult r = Replication.setUp(ops, pair);
                return new Outcome(r.connectors().stream().map(PhaseCheck::of).toList(), r);
            }));
            if (phases.get(phases.size() - 1).passed()) {
                long runMillis = System.currentTimeMillis();
                phases.add(phase("verify", "verify/" + pair.name() + "/" + runMillis, () -> {
                    VerificationReport r = Verification.verify(ops, pair, runMillis);
                    return new Outcome(r.checks().stream().map(PhaseCheck::of).toList(), r);
                }));
            }
            if (phases.get(phases.size() - 1).passed()) {
                String id = Failover.workflowId(pair, null, System.currentTimeMillis());
                phases.add(phase("failover", id, () -> failover(ops, id, fromSeq)));
            }
            if (phases.get(phases.size() - 1).passed()) {
                failbackAndVerify(ops, phases);
            }
        } finally {
            stack.stop("traffic");
        }
        Instant ended = Instant.now();
        boolean passed = phases.size() == PHASES && phases.stream().allMatch(PhaseReport::passed);
        return new DrillReport(passed, pair.name(), started.toString(), ended.toString(),
                Duration.between(started, ended).toMillis(), status.path("temporalServer").asText(), upMillis, rssMiB,
                phases);
    }

    /**
     * Failback under traffic (the apps restarted on the secondary), then a last verification of
     * the restored replication while traffic still flows; the ledgers' verdict once the consumer
     * caught up completes the failback phase.
     */
    private void failbackAndVerify(Operations ops, List<PhaseReport> phases) {
        long fromSeq = stack.audit(0).path("nextSeq").asLong();
        stack.start("traffic", "--rate", Integer.toString(TRAFFIC_RATE), "--cluster", pair.secondary());
        String id = Failback.workflowId(pair, System.currentTimeMillis());
        PhaseReport failback = phase("failback", id, () -> {
            FailbackReport r = Failback.run(ops, id, new FailbackRequest(pair, null, "local drill", false));
            long inexact = inexact(r.consumers());
            List<PhaseCheck> checks = List.of(
                    new PhaseCheck("failback-completed", "completed".equals(r.outcome()) ? 1 : 0, 1,
                            "completed".equals(r.outcome()), r.outcome() + ": " + String.join("; ", r.notes())),
                    new PhaseCheck("offsets-not-exact", inexact, 0, inexact == 0, "partitions handed over by MM2's translation"));
            return new Outcome(checks, r, null, null, null, r.recordsSalvaged());
        });
        phases.add(failback);
        if (failback.passed()) {
            long runMillis = System.currentTimeMillis();
            phases.add(phase("verify", "verify/" + pair.name() + "/" + runMillis, () -> {
                VerificationReport r = Verification.verify(ops, pair, runMillis);
                return new Outcome(r.checks().stream().map(PhaseCheck::of).toList(), r);
            }));
        }
        stack.stop("producer");
        JsonNode audit = awaitConsumerCaughtUp(fromSeq);
        stack.stop("consumer");
        audit = stack.audit(fromSeq);
        phases.set(phases.indexOf(failback), failback.withLedgers(ledgerChecks(audit), audit.path("lost").asLong(),
                audit.path("duplicates").asLong()));
    }

    private static List<PhaseCheck> ledgerChecks(JsonNode audit) {
        long lost = audit.path("lost").asLong();
        long duplicates = audit.path("duplicates").asLong();
        return List.of(
                new PhaseCheck("records-lost", lost, 0, lost == 0, audit.path("acked").asLong() + " acknowledged, "
                        + audit.path("consumed").asLong() + " consumed" + (lost > 0 ? ", e.g. " + audit.path("lostSample") : "")),
                new PhaseCheck("duplicates", duplicates, 0, duplicates == 0, "consumed more than once"));
    }

    private static long inexact(List<ClientMove> consumers) {
        return consumers.stream().map(ClientMove::offsets).flatMap(List::stream)
                .filter(o -> !OffsetHandOver.EXACT.equals(o.derivation()) && !OffsetHandOver.LOG_START.equals(o.derivation()))
                .count();
    }

    private void requireActiveOnPrimary(Operations ops) {
        String active = ops.query(DrPairWorkflow.workflowId(pair.name()), "state", PairState.class)
                .map(PairState::active).orElse(pair.primary());
        if (!pair.primary().equals(active)) {
            throw new OperationFailedException("pair '" + pair.name() + "' is active on '" + active + "' since an earlier "
                    + "drill; start afresh with 'drctl local reset'", "BadInput");
        }
    }

    /** Planned failover under live traffic, then the ledgers' verdict once the consumer caught up. */
    private Outcome failover(Operations ops, String id, long fromSeq) {
        FailoverReport report = Failover.run(ops, id, new FailoverRequest(pair, null, FailoverRequest.PLANNED,
                "local drill", null, false, false));
        stack.stop("producer");
        JsonNode audit = awaitConsumerCaughtUp(fromSeq);
        stack.stop("consumer");
        audit = stack.audit(fromSeq);
        long inexact = inexact(report.consumers());
        List<PhaseCheck> checks = new ArrayList<>(List.of(
                new PhaseCheck("failover-completed", "completed".equals(report.outcome()) ? 1 : 0, 1,
                        "completed".equals(report.outcome()), report.outcome() + ": " + String.join("; ", report.notes())),
                new PhaseCheck("offsets-not-exact", inexact, 0, inexact == 0, "partitions handed over by MM2's translation")));
        checks.addAll(ledgerChecks(audit));
        return new Outcome(checks, report, report.rtoMillis(), audit.path("lost").asLong(),
                audit.path("duplicates").asLong(), null);
    }

    private JsonNode awaitConsumerCaughtUp(long fromSeq) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        JsonNode audit = stack.audit(fromSeq);
        while (audit.path("lost").asLong() > 0 && System.nanoTime() < deadline) {
            sleep(1000);
            audit = stack.audit(fromSeq);
        }
        return audit;
    }

    private record Outcome(List<PhaseCheck> checks, Object details, Long rtoMillis, Long recordsLost, Long duplicates,
                           Long recordsSalvaged) {
        Outcome(List<PhaseCheck> checks, Object details) {
            this(checks, details, null, null, null, null);
        }
    }

    private PhaseReport phase(String name, String workflowId, Supplier<Outcome> body) {
        Instant start = Instant.now();
        progress.println("[drill] phase " + name);
        try {
            Outcome o = body.get();
            Instant end = Instant.now();
            boolean passed = !o.checks().isEmpty() && o.checks().stream().allMatch(PhaseCheck::passed);
            return new PhaseReport(name, passed, start.toString(), end.toString(), Duration.between(start, end).toMillis(),
                    workflowId, o.checks(), null, o.details(), o.rtoMillis(), o.recordsLost(), o.duplicates(),
                    o.recordsSalvaged());
        } catch (OperationFailedException e) {
            Instant end = Instant.now();
            return new PhaseReport(name, false, start.toString(), end.toString(), Duration.between(start, end).toMillis(),
                    workflowId, List.of(), e.getMessage(), null, null, null, null, null);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
