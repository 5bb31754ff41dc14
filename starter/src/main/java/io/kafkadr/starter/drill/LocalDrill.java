package io.kafkadr.starter.drill;

import io.kafkadr.operations.OperationIds;
import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.operations.OperationFailedException;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.drill.DrillPhase;
import io.kafkadr.workflows.drill.DrillRequest;
import io.kafkadr.workflows.drill.DrillResult;
import io.kafkadr.workflows.drpair.DrPairWorkflow;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.operations.Home;
import io.kafkadr.workflows.pair.PairConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;

/**
 * A DR drill on the local stack: stack up, worker and sample traffic on, then {@code DrillWorkflow}
 * runs the cycle under that traffic (the failover and failback move the sample apps through their
 * process bindings); once it ended, the apps' ledgers say what each half lost or duplicated.
 */
public class LocalDrill {

    /** Sample traffic during the drill, records per second. */
    static final int TRAFFIC_RATE = 50;
    /** How long the consumer may take to read what the producer wrote before it stopped. */
    static final Duration CATCH_UP = Duration.ofSeconds(60);
    /** Steps of the drill from which on records count for the failback's half of the ledgers. */
    private static final Set<String> AFTER_FAILOVER = Set.of(DrillPhase.FAILBACK, DrillPhase.STAND_DOWN, DrillPhase.VERIFY);

    private PairConfig pair;
    private final TemporalOptions temporal;
    private final PrintStream progress;
    private final LocalStackControl stack = new LocalStackControl();
    private final boolean secure;

    public LocalDrill(PairConfig pair, TemporalOptions temporal, PrintStream progress, boolean secure) {
        this.pair = pair;
        this.secure = secure;
        this.temporal = temporal;
        this.progress = progress;
    }

    public DrillReport run(String drillId, DrillRequest request) {
        progress.println("[drill] bringing the local stack up");
        long upStart = System.nanoTime();
        JsonNode status = stack.up(secure);
        pair = Home.registerHere(LocalPair.at(pair, status));
        DrillRequest onStack = new DrillRequest(pair, null, request.reason(), request.replicate(), request.requireApproval());
        long upMillis = (System.nanoTime() - upStart) / 1_000_000;
        long rssMiB = 0;
        for (JsonNode p : status.path("processes")) {
            rssMiB += p.path("rssKib").asLong() / 1024;
        }
        // Restarted so the drill runs the code just built; Temporal hands any task in flight to the new worker.
        stack.stop("worker");
        stack.start("worker");

        try (Operations ops = new Operations(temporal, progress)) {
            ops.awaitWorker(Duration.ofSeconds(60));
            requireActiveOnPrimary(ops);
            Drill drill = new Drill(ops, progress);
            String ui = OperationIds.uiLink(temporal.uiUrl(), temporal.namespace(), drillId);
            String server = status.path("temporalServer").asText();
            if (!pair.drill().trafficOrDefault().usesClients()) {
                // the canary alone, on the local pair without its clients: the sample apps are stopped (an
                // earlier failback may have started them) and stay off; no ledgers
                stack.stop("producer");
                stack.stop("consumer");
                DrillResult result = drill.run(drillId, onStack, ui, step -> { });
                return DrillReports.report(result, new DrillReports.Context(server, upMillis, rssMiB, ui, pair.objectives(),
                        null, null), drill::details);
            }
            long fromSeq = nextSeq();
            long[] failbackFromSeq = {-1};
            stack.start("traffic", "--rate", Integer.toString(TRAFFIC_RATE));
            DrillResult result;
            try {
                result = drill.run(drillId, onStack, ui, step -> {
                    if (failbackFromSeq[0] < 0 && AFTER_FAILOVER.contains(step)) {
                        failbackFromSeq[0] = nextSeq();
                    }
                });
            } catch (RuntimeException e) {
                stack.stop("traffic");
                throw e;
            }
            Ledgers all = stopTrafficAndAudit(fromSeq);
            Ledgers back = failbackFromSeq[0] < 0 ? null : Ledgers.of(stack.audit(failbackFromSeq[0]));
            return DrillReports.report(result, new DrillReports.Context(server, upMillis, rssMiB, ui, pair.objectives(),
                    back == null ? all : all.minus(back), back), drill::details);
        }
    }

    private long nextSeq() {
        return stack.audit(0).path("nextSeq").asLong();
    }

    private void requireActiveOnPrimary(Operations ops) {
        String active = ops.query(DrPairWorkflow.workflowId(pair.name()), "state", PairState.class)
                .map(PairState::active).orElse(pair.primary());
        if (!pair.primary().equals(active)) {
            throw new OperationFailedException("pair '" + pair.name() + "' is active on '" + active + "' since an earlier "
                    + "drill; start afresh with 'drctl local reset'", "BadInput");
        }
    }

    /** Stops the producer, lets the consumer read what it wrote, stops it, and counts from {@code fromSeq}. */
    private Ledgers stopTrafficAndAudit(long fromSeq) {
        stack.stop("producer");
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (stack.audit(fromSeq).path("lost").asLong() > 0 && System.nanoTime() < deadline) {
            sleep(1000);
        }
        stack.stop("consumer");
        return Ledgers.of(stack.audit(fromSeq));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
