package io.kafkadr.starter.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.starter.replicate.Replication;
import io.kafkadr.starter.temporal.OperationFailedException;
import io.kafkadr.starter.temporal.Operations;
import io.kafkadr.starter.temporal.TemporalOptions;
import io.kafkadr.starter.verify.Verification;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ReplicationSetupResult;
import io.kafkadr.workflows.verify.VerificationReport;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A DR drill on the local stack: stack up, worker and traffic on, then each runbook phase as
 * a workflow, each phase reported with its checks. Later issues add failover and failback.
 */
public class LocalDrill {

    /** Sample traffic during the drill, records per second. */
    static final int TRAFFIC_RATE = 50;

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
        stack.start("traffic", "--rate", Integer.toString(TRAFFIC_RATE));

        List<PhaseReport> phases = new ArrayList<>();
        try (Operations ops = new Operations(temporal, progress)) {
            ops.awaitWorker(Duration.ofSeconds(60));
            phases.add(phase("replicate", Replication.workflowId(pair), id -> {
                ReplicationSetupResult r = Replication.setUp(ops, pair);
                return new Outcome(r.connectors().stream().map(PhaseCheck::of).toList(), r);
            }));
            if (phases.get(0).passed()) {
                long runMillis = System.currentTimeMillis();
                phases.add(phase("verify", "verify/" + pair.name() + "/" + runMillis, id -> {
                    VerificationReport r = Verification.verify(ops, pair, runMillis);
                    return new Outcome(r.checks().stream().map(PhaseCheck::of).toList(), r);
                }));
            }
        } finally {
            stack.stop("traffic");
        }
        Instant ended = Instant.now();
        boolean passed = phases.size() == 2 && phases.stream().allMatch(PhaseReport::passed);
        return new DrillReport(passed, pair.name(), started.toString(), ended.toString(),
                Duration.between(started, ended).toMillis(), status.path("temporalServer").asText(), upMillis, rssMiB,
                phases);
    }

    private record Outcome(List<PhaseCheck> checks, Object details) {
    }

    private PhaseReport phase(String name, String workflowId, Function<String, Outcome> body) {
        Instant start = Instant.now();
        progress.println("[drill] phase " + name);
        try {
            Outcome o = body.apply(workflowId);
            Instant end = Instant.now();
            boolean passed = !o.checks().isEmpty() && o.checks().stream().allMatch(PhaseCheck::passed);
            return new PhaseReport(name, passed, start.toString(), end.toString(),
                    Duration.between(start, end).toMillis(), workflowId, o.checks(), null, o.details());
        } catch (OperationFailedException e) {
            Instant end = Instant.now();
            return new PhaseReport(name, false, start.toString(), end.toString(),
                    Duration.between(start, end).toMillis(), workflowId, List.of(), e.getMessage(), null);
        }
    }
}
