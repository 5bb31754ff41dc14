package io.kafkadr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kafkadr.operations.Json;
import io.kafkadr.operations.Home;
import io.kafkadr.operations.OperationFailedException;
import io.kafkadr.operations.OperationIds;
import io.kafkadr.operations.OperationKind;
import io.kafkadr.operations.OperationRequests;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.drpair.DrPairWorkflow;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import io.kafkadr.workflows.verify.VerificationReport;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drctl bench scale}: a planned failover of N lightweight consumer groups, for each N
 * given, on the local stack. Per N: a throwaway pair (groups hosted by the group farm, bound
 * with the {@code http} binding), seeded topics, every group committed on the primary,
 * replication set up and verified; then the failover, timed, and every history it made
 * measured (events, bytes). The pair is left failed over (its topics stay, its connectors are
 * gone, its entity is terminated); {@code drctl local reset} wipes everything.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Fail over N consumer groups at once (each N in turn) and measure the failover: total time,",
                "the largest workflow history (events, bytes), events per group, growth from the smallest to the largest N.",
                "Needs the local stack up and a worker (drctl local up; drctl local start worker)."})
public class ScaleBench implements Callable<Integer> {

    static final String FARM = "group-farm";

    @Option(names = "--groups", split = ",", defaultValue = "100,1000", description = "sizes to run (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;
    @Option(names = "--topics", defaultValue = "10", description = "topics the groups read (default: ${DEFAULT-VALUE})")
    int topics;
    @Option(names = "--partitions", defaultValue = "2", description = "partitions per topic (default: ${DEFAULT-VALUE})")
    int partitions;
    @Option(names = "--records", defaultValue = "20", description = "records written to each topic first (default: ${DEFAULT-VALUE})")
    int records;
    @Option(names = "--farm-port", defaultValue = "7790", description = "HTTP port of the group farm (default: ${DEFAULT-VALUE})")
    int farmPort;
    @Option(names = "--json", description = "JSON on stdout (progress goes to stderr)")
    boolean json;
    @Mixin
    TemporalOptions temporal;

    private final PrintStream progress = System.err;
    private final LocalApps local = new LocalApps();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        if (sizes.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--groups: every size must be at least 1");
        }
        StackEndpoints stack = StackEndpoints.read(Home.path().resolve(".local/stack.json"));
        String stamp = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000_000L, 36);
        List<ScaleRun> runs = new ArrayList<>();
        try (Operations ops = new Operations(temporal, progress)) {
            WorkflowServiceStubs service = ops.service();
            ops.awaitWorker(Duration.ofSeconds(30));
            HistoryProbe probe = new HistoryProbe(service, temporal.namespace());
            for (int n : sizes.stream().sorted().distinct().toList()) {
                runs.add(runOne(ops, probe, service, ScaleSetup.of(n, stamp, topics, partitions, records, farmPort, stack)));
            }
        }
        ScaleReport report = ScaleReport.of(runs);
        if (json) {
            System.out.println(Json.write(report));
        } else {
            print(report, System.out);
        }
        return report.passed() ? 0 : 1;
    }

    private ScaleRun runOne(Operations ops, HistoryProbe probe, WorkflowServiceStubs service, ScaleSetup setup)
            throws IOException {
        String label = "[scale " + setup.groups() + "] ";
        Path file = Home.path().resolve(".local/bench/scale-" + setup.groups() + ".yaml");
        Files.createDirectories(file.getParent());
        new YAMLMapper().writeValue(file.toFile(), setup.pair());
        PairConfig pair = Home.registerHere(PairConfigParser.parseFile(file));
        progress.println(label + "pair " + pair.name() + " in " + file + ": " + setup.groups() + " groups over "
                + setup.topics() + " topics");
        long prepStart = System.nanoTime();
        local.stop(FARM);
        boolean completed = false;
        try {
            local.start(setup.farmArgs());
            awaitFarm(setup, label);
            ops.run(OperationKind.REPLICATE, OperationIds.replicate(pair), OperationRequests.replicate(pair));
            VerificationReport verified = ops.run(OperationKind.VERIFY,
                    OperationIds.verify(pair.name(), System.currentTimeMillis()), OperationRequests.verify(pair));
            if (!verified.passed()) {
                throw new OperationFailedException("replication of " + pair.name() + " did not verify ("
                        + verified.failedChecks() + " checks failed); see drctl report / the Temporal UI", "Failed");
            }
            long prepMillis = (System.nanoTime() - prepStart) / 1_000_000;
            progress.println(label + "ready in " + prepMillis / 1000 + " s: failing over");
            String id = OperationIds.failover(pair.name(), null, System.currentTimeMillis());
            long wallStart = System.nanoTime();
            String outcome;
            List<Timing> steps = List.of();
            try {
                FailoverReport report = ops.run(OperationKind.FAILOVER, id, OperationRequests.failover(pair,
                        FailoverRequest.PLANNED, "bench scale " + setup.groups(), null, false, false));
                outcome = report.outcome();
                steps = Timing.steps(report.timeline());
            } catch (OperationFailedException e) {
                outcome = "failed: " + e.getMessage();
            }
            long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
            completed = "completed".equals(outcome);
            long rss = local.rssMiB(FARM);
            JsonNode farm = farmStatus(setup);
            int onSecondary = farm.path("running").path("secondary").asInt(0);
            if (completed && onSecondary != setup.groups()) {
                outcome = "completed, but the farm runs " + onSecondary + " of " + setup.groups() + " groups on secondary";
            }
            HistoryProbe.Operation stats = probe.operation(id);
            long entityEvents = probe.single(DrPairWorkflow.workflowId(pair.name())).events();
            ScaleRun run = ScaleRun.of(setup.groups(), pair.name(), id, outcome, wallMillis, stats, entityEvents, rss,
                    prepMillis, steps);
            progress.printf("%s%s in %.1f s, %d histories, largest %d events%n", label, outcome,
                    run.totalMillis() / 1000.0, run.histories(), run.largest().events());
            terminateEntity(service, pair);
            return run;
        } finally {
            local.stop(FARM);
            if (!completed) {
                removeConnectors(pair, setup, label);
            }
        }
    }

    private void awaitFarm(ScaleSetup setup, String label) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120 + setup.groups() / 2).toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            try {
                status = farmStatus(setup);
                if (status.path("committedSinceStart").asInt() >= setup.groups()) {
                    progress.println(label + "every group consumes and committed on the primary");
                    return;
                }
            } catch (IllegalStateException e) {
                // not listening yet
            }
            sleep(2000);
        }
        throw new IllegalStateException("the group farm did not get every group committed in time: " + status
                + "; see .local/logs/" + FARM + ".log");
    }

    private JsonNode farmStatus(ScaleSetup setup) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + setup.farmPort()
                    + "/status")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("the group farm does not answer on port " + setup.farmPort() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** A throwaway pair's entity has nothing left to guard once the bench measured it. */
    private void terminateEntity(WorkflowServiceStubs service, PairConfig pair) {
        try {
            service.blockingStub().terminateWorkflowExecution(TerminateWorkflowExecutionRequest.newBuilder()
                    .setNamespace(temporal.namespace())
                    .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(DrPairWorkflow.workflowId(pair.name())))
                    .setReason("drctl bench scale: throwaway pair measured").build());
        } catch (io.grpc.StatusRuntimeException e) {
            progress.println("could not terminate " + DrPairWorkflow.workflowId(pair.name()) + ": " + e.getStatus());
        }
    }

    /** After a failed run: the pair's MM2 connectors would keep replicating into the secondary. */
    private void removeConnectors(PairConfig pair, ScaleSetup setup, String label) {
        for (String kind : List.of("source", "checkpoint", "heartbeat")) {
            String name = "mm2-" + pair.name() + "-primary-to-secondary-" + kind;
            try {
                http.send(HttpRequest.newBuilder(URI.create(setup.stack().secondaryConnect() + "/connectors/" + name))
                        .DELETE().timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                progress.println(label + "could not delete connector " + name + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void print(ScaleReport r, PrintStream out) {
        out.printf("%n%7s %9s %9s %10s %14s %12s %12s %11s %10s %9s  %s%n", "GROUPS", "TOTAL s", "HISTORIES",
                "LARGEST ev", "LARGEST bytes", "TOTAL ev", "TOTAL bytes", "ev/GROUP", "ENTITY ev", "FARM MiB", "OUTCOME");
        for (ScaleRun run : r.runs()) {
            out.printf("%7d %9.1f %9d %10d %14d %12d %12d %11.1f %10d %9d  %s%n", run.groups(), run.totalMillis() / 1000.0,
                    run.histories(), run.largest().events(), run.largestBytes().bytes(), run.totalEvents(), run.totalBytes(),
                    run.eventsPerGroup(), run.entityEvents(), run.farmRssMiB(), run.outcome());
        }
        for (ScaleRun run : r.runs()) {
            out.printf("%d groups, where the failover's time went (step: count, total s, max s):%n", run.groups());
            for (Timing t : run.steps()) {
                out.printf("    %-32s %5d %9.1f %7.1f%n", t.name(), t.count(), t.totalMillis() / 1000.0, t.maxMillis() / 1000.0);
            }
            out.printf("  activities, scheduled to closed (type: count, total s, max s):%n");
            for (Timing t : run.activities()) {
                out.printf("    %-32s %5d %9.1f %7.1f%n", t.name(), t.count(), t.totalMillis() / 1000.0, t.maxMillis() / 1000.0);
            }
        }
        if (r.groupsFactor() != null) {
            out.printf("growth for %.0fx groups (linear = %.0f): largest history %.2f (bytes %.2f), total events %.2f%n",
                    r.groupsFactor(), r.groupsFactor(), r.largestEventsGrowth(), r.largestBytesGrowth(), r.totalEventsGrowth());
        }
        for (ScaleReport.Check c : r.checks()) {
            out.printf("  %-4s %-28s %s%n", c.passed() ? "ok" : "FAIL", c.name(), c.detail());
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
