package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.activities.aws.AwsClients;
import io.kafkadr.activities.aws.MotoServer;
import io.kafkadr.activities.provision.MotoInventory;
import io.kafkadr.operations.OperationIds;
import io.kafkadr.temporal.metrics.PrometheusText;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import io.kafkadr.workflows.provision.AwsProvisionSpec;
import io.kafkadr.workflows.provision.ProvisionSpecs;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.DefaultRecord;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole foundation for real: the local stack's processes (Temporal dev server, two KRaft
 * brokers, three Connect workers with MM2), the worker, and drctl as an operator runs it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRIMARY = "127.0.0.1:19092";
    private static final String SECONDARY = "127.0.0.1:29092";
    private static final String TOPIC = "e2e.counts";
    private static final String GROUP = "e2e-group";
    private static final int RECORDS = 3000;
    private static final int PARTITIONS = 3;

    @BeforeAll
    static void stackUp() {
        assertEquals(0, DrctlProcess.run("local", "reset").exitCode(), "a fresh pair: active on primary");
        DrctlProcess.Result up = DrctlProcess.run("local", "up");
        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(up.stderr().contains("local stack up in"), up.toString());
        assertEquals(0, DrctlProcess.run("local", "start", "worker").exitCode());
    }

    @AfterAll
    static void stackDown() throws IOException {
        DrctlProcess.Result down = DrctlProcess.run("local", "down");
        assertEquals(0, down.exitCode(), down.toString());
        assertTrue(StackProcesses.all().isEmpty(), "processes left after local down: " + StackProcesses.all());
    }

    @Test
    @Order(1)
    void statusListsEveryProcessWithItsMemory() throws IOException {
        DrctlProcess.Result status = DrctlProcess.run("local", "status", "--json");
        assertEquals(0, status.exitCode(), status.toString());
        JsonNode s = JSON.readTree(status.stdout());
        Set<String> names = new HashSet<>();
        long rssKib = 0;
        for (JsonNode p : s.path("processes")) {
            names.add(p.path("name").asText());
            assertTrue(p.path("rssKib").asLong() > 0, "no RSS for " + p);
            rssKib += p.path("rssKib").asLong();
        }
        assertTrue(names.containsAll(List.of("temporal", "kafka-primary", "kafka-secondary", "connect-secondary-1",
                "connect-secondary-2", "connect-primary-1", "worker")), names.toString());
        assertEquals("temporal-cli-dev-server", s.path("temporalServer").asText(),
                "the Temporal CLI is installed by .ci/run; the Java test server is only a fallback");
        System.err.printf("stack resident memory: %d MiB%n", rssKib / 1024);
    }

    @Test
    @Order(2)
    void replicatedCountsEqualWhatKcatCounts() throws Exception {
        TestTraffic.createTopic(PRIMARY, TOPIC, PARTITIONS);
        TestTraffic.produce(PRIMARY, TOPIC, RECORDS);
        TestTraffic.consumeAndCommit(PRIMARY, TOPIC, GROUP, RECORDS);
        Path pair = writePair("e2e", TOPIC, GROUP);

        DrctlProcess.Result replicate = DrctlProcess.run("replicate", "--pair", pair.toString(), "--json");
        assertEquals(0, replicate.exitCode(), replicate.toString());
        JsonNode setup = JSON.readTree(replicate.stdout());
        assertEquals(PARTITIONS, setup.path("tasksMax").asInt());
        assertEquals(1, setup.path("replicationFactor").asInt());

        DrctlProcess.Result verify = DrctlProcess.run("verify", "--pair", pair.toString(), "--json");
        assertEquals(0, verify.exitCode(), verify.toString());
        JsonNode report = JSON.readTree(verify.stdout());
        assertTrue(report.path("passed").asBoolean());
        long total = 0;
        for (JsonNode p : report.path("partitions")) {
            int partition = p.path("partition").asInt();
            assertEquals(Kcat.count(PRIMARY, TOPIC, partition), p.path("sourceCount").asLong(), "source " + p);
            assertEquals(Kcat.count(SECONDARY, TOPIC, partition), p.path("targetCount").asLong(), "target " + p);
            assertEquals(p.path("sourceCount").asLong(), p.path("targetCount").asLong(), p.toString());
            total += p.path("targetCount").asLong();
        }
        assertEquals(RECORDS, total);
        JsonNode group = report.path("groups").get(0);
        assertEquals(GROUP, group.path("group").asText());
        assertEquals(PARTITIONS, group.path("targetCommitted").size(), "offsets synced to the secondary: " + group);
    }

    @Test
    @Order(3)
    void humanReportOfTheSameVerification() {
        DrctlProcess.Result verify = DrctlProcess.run("verify", "--pair", writePair("e2e", TOPIC, GROUP).toString());
        assertEquals(0, verify.exitCode(), verify.toString());
        assertTrue(verify.stdout().contains("PASSED"), verify.stdout());
        assertTrue(verify.stdout().contains("count:" + TOPIC + "-0"), verify.stdout());
    }

    @Test
    @Order(4)
    void localDrillPassesAndPrintsTheReportContract() throws IOException {
        DrctlProcess.Result drill = DrctlProcess.run("drill", "--local", "--json");
        assertEquals(0, drill.exitCode(), drill.toString());
        JsonNode report = JSON.readTree(drill.stdout());
        assertTrue(report.path("passed").asBoolean(), drill.stdout());
        List<String> phases = Stream.of("replicate", "verify", "failover", "failback", "verify").toList();
        assertEquals(phases.size(), report.path("phases").size());
        for (int i = 0; i < phases.size(); i++) {
            JsonNode phase = report.path("phases").get(i);
            assertEquals(phases.get(i), phase.path("name").asText());
            assertTrue(phase.path("passed").asBoolean(), phase.toString());
            assertFalse(phase.path("startedAt").asText().isEmpty());
            assertFalse(phase.path("endedAt").asText().isEmpty());
            assertTrue(phase.path("checks").size() > 0, phase.toString());
            for (JsonNode check : phase.path("checks")) {
                for (String field : List.of("name", "value", "threshold", "passed")) {
                    assertTrue(check.has(field), field + " missing in " + check);
                }
            }
        }
        JsonNode failover = report.path("phases").get(2);
        assertTrue(failover.path("rtoMillis").asLong() > 0, failover.toString());
        assertEquals(0, failover.path("recordsLost").asLong(), "lost records under live traffic: " + failover);
        assertEquals(0, failover.path("duplicates").asLong(), "duplicates under live traffic: " + failover);
        System.err.printf("drill failover: RTO %d ms, lost %d, duplicates %d%n", failover.path("rtoMillis").asLong(),
                failover.path("recordsLost").asLong(), failover.path("duplicates").asLong());
        JsonNode failback = report.path("phases").get(3);
        assertEquals(0, failback.path("recordsLost").asLong(), "lost records in the failback: " + failback);
        assertEquals(0, failback.path("duplicates").asLong(), "duplicates in the failback: " + failback);
        assertTrue(failback.has("recordsSalvaged"), failback.toString());
        System.err.printf("drill failback: %d ms, lost %d, duplicates %d, salvaged %d%n",
                failback.path("durationMillis").asLong(), failback.path("recordsLost").asLong(),
                failback.path("duplicates").asLong(), failback.path("recordsSalvaged").asLong());
    }

    @Test
    @Order(5)
    void aBadPairIsAConfigErrorWithExitCode2() throws IOException {
        Path bad = Files.writeString(DrctlProcess.ROOT.resolve("e2e/target/bad-pair.yaml"), String.join("\n",
                "name: bad", "primary: primary", "secondary: secondary", "clusters:",
                "  - {alias: primary, bootstrapServers: 'localhost', connectUrl: 'http://127.0.0.1:8084'}",
                "  - {alias: secondary, bootstrapServers: '127.0.0.1:29092', connectUrl: 'http://127.0.0.1:8083'}",
                "topics: {regex: 'orders['}", ""));
        DrctlProcess.Result verify = DrctlProcess.run("verify", "--pair", bad.toString());
        assertEquals(2, verify.exitCode(), verify.toString());
        assertTrue(verify.stderr().contains("'localhost' is not host:port"), verify.stderr());
        assertTrue(verify.stderr().contains("topics.regex: does not compile"), verify.stderr());
    }

    @Test
    @Order(6)
    void killPrimaryIsARegionalOutageAndUpBringsItBack() throws IOException {
        DrctlProcess.Result kill = DrctlProcess.run("local", "kill", "primary");
        assertEquals(0, kill.exitCode(), kill.toString());
        assertTrue(kill.stderr().contains("kafka-primary") && kill.stderr().contains("connect-primary-1"), kill.stderr());

        DrctlProcess.Result status = DrctlProcess.run("local", "status", "--json");
        assertEquals(1, status.exitCode(), "status must fail while the primary is down: " + status);
        JsonNode s = JSON.readTree(status.stdout());
        for (JsonNode p : s.path("processes")) {
            assertFalse(p.path("side").asText().equals("primary"), "still running: " + p);
        }

        assertEquals(0, DrctlProcess.run("local", "up").exitCode());
        assertEquals(0, DrctlProcess.run("local", "status").exitCode());
    }

    @Test
    @Order(7)
    void failbackOfAPairActiveOnThePrimaryIsRejected() throws IOException {
        DrctlProcess.Result failback = DrctlProcess.run("failback", "--pair", "pairs/local.yaml", "--json");
        assertEquals(1, failback.exitCode(), failback.toString());
        JsonNode report = JSON.readTree(failback.stdout());
        assertEquals("rejected", report.path("outcome").asText());
        assertTrue(report.path("notes").toString().contains("is active on 'primary'"), report.toString());
    }

    @Test
    @Order(8)
    void listShowsThePairsOperationsWithTheirOutcomeFromVisibility() throws IOException {
        DrctlProcess.Result list = DrctlProcess.run("list", "--pair", "pairs/local.yaml", "--json");
        assertEquals(0, list.exitCode(), list.toString());
        JsonNode out = JSON.readTree(list.stdout());
        assertEquals("ok", out.path("visibility").asText(), list.stdout());
        List<String> rows = new java.util.ArrayList<>();
        out.path("operations").forEach(op -> rows.add(op.path("operation").asText() + " " + op.path("status").asText()
                + " " + op.path("outcome").asText("-") + " " + op.path("source").asText()));
        for (String expected : List.of("failback completed rejected visibility", "failback completed completed visibility",
                "failover completed completed visibility", "verify completed passed visibility",
                "replicate completed - visibility")) {
            assertTrue(rows.contains(expected), expected + " missing in " + rows);
        }
        assertEquals("failback completed rejected visibility", rows.get(0), "newest first: " + rows);

        DrctlProcess.Result failovers = DrctlProcess.run("list", "--pair", "pairs/local.yaml", "--operation", "failover",
                "--since", "1d", "--json");
        assertEquals(0, failovers.exitCode(), failovers.toString());
        JSON.readTree(failovers.stdout()).path("operations").forEach(op ->
                assertEquals("failover", op.path("operation").asText(), failovers.stdout()));

        DrctlProcess.Result bad = DrctlProcess.run("list", "--pair", "pairs/local.yaml", "--since", "last week");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.stderr().contains("--since 'last week' is neither an age"), bad.stderr());
    }

    /**
     * A drill on a Temporal Schedule of the dev server: triggered, it runs DrillWorkflow and
     * passes; a second trigger while it runs is skipped and counted; delete removes it.
     */
    @Test
    @Order(9)
    void aScheduledDrillRunsAndPassesAndASecondTriggerWhileItRunsIsSkipped() throws Exception {
        String id = "drill-local-e2e";
        DrctlProcess.Result create = DrctlProcess.run("schedule", "create", "--pair", "pairs/local.yaml", "--name", "e2e",
                "--every", "7d", "--note", "e2e");
        assertEquals(0, create.exitCode(), create.toString());
        assertTrue(create.stdout().contains("schedule " + id + ": a drill of pair local every 7d"), create.stdout());
        DrctlProcess.Result again = DrctlProcess.run("schedule", "create", "--pair", "pairs/local.yaml", "--name", "e2e",
                "--every", "7d");
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.stderr().contains("schedule '" + id + "' exists"), again.stderr());

        assertEquals(0, DrctlProcess.run("schedule", "trigger", id).exitCode());
        JsonNode running = awaitDescribe(id, d -> d.path("running").size() == 1);
        String drill = running.path("running").get(0).asText();
        assertTrue(drill.startsWith("drill/local/scheduled-"), drill);
        assertEquals(0, DrctlProcess.run("schedule", "trigger", id).exitCode());
        JsonNode skipped = awaitDescribe(id, d -> d.path("skippedOnOverlap").asLong() >= 1);
        assertEquals(1, skipped.path("drills").asLong(), "the second trigger started no drill: " + skipped);

        JsonNode done = awaitDescribe(id, d -> d.path("running").isEmpty());
        DrctlProcess.Result list = DrctlProcess.run("list", "--pair", "pairs/local.yaml", "--operation", "drill", "--json");
        assertEquals(0, list.exitCode(), list.toString());
        JsonNode row = null;
        for (JsonNode op : JSON.readTree(list.stdout()).path("operations")) {
            row = drill.equals(op.path("id").asText()) ? op : row;
        }
        assertTrue(row != null, drill + " not listed: " + list.stdout() + " / " + done);
        assertEquals("completed", row.path("status").asText(), row.toString());
        assertEquals("passed", row.path("outcome").asText(), row.toString());

        assertEquals(0, DrctlProcess.run("schedule", "delete", id).exitCode());
        DrctlProcess.Result gone = DrctlProcess.run("schedule", "describe", id);
        assertEquals(1, gone.exitCode(), gone.toString());
        assertTrue(gone.stderr().contains("no such schedule '" + id + "'"), gone.stderr());
    }

    /**
     * A canary-only drill on the local pair without its sample apps: the canary's figures against
     * what kcat finds in the canary topic on both clusters afterwards (every acknowledged record
     * there once, each burst read exactly once across the switches).
     */
    @Test
    @Order(10)
    void aCanaryDrillCountsWhatKcatFindsInTheCanaryTopic() throws IOException {
        DrctlProcess.Result drill = DrctlProcess.run("drill", "--local", "--traffic", "canary", "--json");
        assertEquals(0, drill.exitCode(), drill.toString());
        JsonNode report = JSON.readTree(drill.stdout());
        assertTrue(report.path("passed").asBoolean(), drill.stdout());
        JsonNode canary = report.path("canary");
        String runId = canary.path("runId").asText();
        assertFalse(runId.isEmpty(), canary.toString());
        assertEquals("_dr.canary", canary.path("topic").asText());
        for (JsonNode half : canary.path("halves")) {
            assertEquals(0, half.path("lost").asLong(), half.toString());
            assertEquals(0, half.path("duplicated").asLong(), half.toString());
            assertEquals(half.path("produced").asLong(), half.path("read").asLong(), "each record read once: " + half);
        }
        // bursts 1 and 3 were written on the primary, 2 on the secondary and copied back by the failback
        assertBurstsAsKcatFindsThem(canary, runId, PRIMARY, List.of(1, 2, 3));
        // burst 1 copied before the failover, burst 2 written there
        assertBurstsAsKcatFindsThem(canary, runId, SECONDARY, List.of(1, 2));
        long reads = 0;
        for (JsonNode read : canary.path("reads")) {
            for (JsonNode burst : read.path("bursts")) {
                reads += burst.path("records").asLong();
            }
        }
        long produced = 0;
        for (int burst = 1; burst <= 3; burst++) {
            produced += canary.path("produced").path(Integer.toString(burst)).asLong();
        }
        assertEquals(produced, reads, "the canary's reads add up to what it wrote: " + canary);
        System.err.printf("canary drill: %d ms, %d records written in 3 bursts, read %d in %d reads, RTO %d ms%n",
                report.path("durationMillis").asLong(), produced, reads, canary.path("reads").size(),
                report.path("phases").get(2).path("rtoMillis").asLong());
    }

    /**
     * Records at exactly the source topic's {@code max.message.bytes}, written by kcat while
     * replication runs: each copy carries the provenance headers on top, so the target topic
     * must accept more than the source's limit, and MM2's producer must send it. Every one is
     * copied and read by kcat on the secondary, same key and size.
     */
    @Test
    @Order(11)
    void recordsAtTheSourceTopicsLimitAreCopiedWhileReplicationRuns() throws Exception {
        TestTraffic.createTopic(PRIMARY, BIG, 1);
        DrctlProcess.Result replicate = DrctlProcess.run("replicate", "--pair", bigPair().toString(), "--json");
        assertEquals(0, replicate.exitCode(), replicate.toString());
        int limit = maxMessageBytes(PRIMARY, BIG);
        int valueBytes = valueBytesForBatchOf(limit, "big-0");
        produceWithKcat(BIG, "big-refused", valueBytes + 1);
        assertEquals(0, Kcat.count(PRIMARY, BIG, 0), "one byte more than the limit must be refused by the source");
        long started = System.nanoTime();
        for (int i = 0; i < BIG_RECORDS; i++) {
            DrctlProcess.Result produced = produceWithKcat(BIG, "big-" + i, valueBytes);
            assertEquals(0, produced.exitCode(), produced.toString());
        }
        assertEquals(BIG_RECORDS, Kcat.count(PRIMARY, BIG, 0), "kcat wrote every record at the limit to the primary");
        awaitCopies(BIG_RECORDS, Duration.ofSeconds(60));
        System.err.printf("%d records of %d bytes (batch %d = the source topic's max.message.bytes) copied in %d ms; "
                + "target max.message.bytes %d%n", BIG_RECORDS, valueBytes, limit,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), maxMessageBytes(SECONDARY, BIG));
        List<String> copies = kcatKeysAndSizes(SECONDARY, BIG);
        for (int i = 0; i < BIG_RECORDS; i++) {
            assertTrue(copies.contains("big-" + i + " " + valueBytes), "big-" + i + " missing on the secondary: " + copies);
        }
        assertTrue(maxMessageBytes(SECONDARY, BIG) > limit, "the target must accept the source's limit plus the headers");
    }

    /**
     * A task failed for a real cause (the target's limit lowered by hand to the source's, then a
     * record at the limit: too large once stamped) comes back within the pair entity's watch
     * interval, the limit raised again and the restart recorded in the entity's state.
     */
    @Test
    @Order(12)
    void aFailedTaskIsRestartedByThePairsWatchAndTheRestartIsRecorded() throws Exception {
        int limit = maxMessageBytes(PRIMARY, BIG);
        int valueBytes = valueBytesForBatchOf(limit, "big-fail-0");
        long before = Kcat.count(SECONDARY, BIG, 0);
        long failedAt = 0;
        int written = 0;
        for (int attempt = 0; attempt < 3 && failedAt == 0; attempt++) {
            // what MM2's own config sync did before kafka-dr excluded the key
            setMaxMessageBytes(SECONDARY, BIG, limit);
            assertEquals(0, produceWithKcat(BIG, "big-fail-" + attempt, valueBytes).exitCode());
            written++;
            failedAt = awaitSourceTask("FAILED", Duration.ofSeconds(15));
        }
        assertTrue(failedAt > 0, "the source task never failed: " + sourceStatus());
        long runningAt = awaitSourceTask("RUNNING", Duration.ofSeconds(60));
        assertTrue(runningAt > 0, () -> "the failed task was not restarted within 60 s: " + sourceStatus()
                + "; pair state: " + DrctlProcess.run("status", "--pair", bigPair().toString(), "--json").stdout());
        long millis = Duration.ofNanos(runningAt - failedAt).toMillis();
        System.err.printf("failed source task running again after %d ms (watch interval %d s)%n", millis,
                WATCH_INTERVAL_SECONDS);
        assertTrue(millis <= (WATCH_INTERVAL_SECONDS + 10) * 1000L, "back after " + millis + " ms, watch interval "
                + WATCH_INTERVAL_SECONDS + " s");
        awaitCopies(before + written, Duration.ofSeconds(60));
        DrctlProcess.Result status = DrctlProcess.run("status", "--pair", bigPair().toString(), "--json");
        assertEquals(0, status.exitCode(), status.toString());
        JsonNode restarts = JSON.readTree(status.stdout()).path("state").path("taskRestarts");
        boolean recorded = false;
        for (JsonNode r : restarts) {
            recorded |= BIG_SOURCE.equals(r.path("connector").asText()) && r.path("task").asInt() == 0;
        }
        assertTrue(recorded, "restart of " + BIG_SOURCE + " task 0 not recorded: " + status.stdout());
        DrctlProcess.Result human = DrctlProcess.run("status", "--pair", bigPair().toString());
        System.err.println(human.stdout());
        assertTrue(human.stdout().contains("restarted " + BIG_SOURCE + " task 0"), human.stdout());
    }

    private static final int RPO_SECONDS = 30;
    private static final String E2E_SOURCE = "mm2-e2e-primary-to-secondary-source";

    /**
     * The worker's /metrics after the drills above (the last restarted the worker, so its counters
     * count that drill and what follows): operation metrics, the pair's state, every metric the
     * monitoring rules and the dashboard name; then the replication lag of pair e2e per partition
     * against the lag kcat measures while MM2's source connector is paused (the source's end offset
     * minus the upstream offset in the newest copy's headers on the target, plus one), and back to
     * 0 once it resumes.
     */
    @Test
    @Order(13)
    void workerMetricsShowOperationsAndTheExactLagThatKcatMeasures() throws Exception {
        // a failed operation (rejected: the pair is active on the primary) counts as failed
        DrctlProcess.Result rejected = DrctlProcess.run("failback", "--pair", writePair("e2e", TOPIC, GROUP).toString(),
                "--json");
        assertEquals("rejected", JSON.readTree(rejected.stdout()).path("outcome").asText(), rejected.toString());
        Map<String, String> drill = Map.of("pair", "local", "operation", "drill");
        List<PrometheusText.Sample> ops = WorkerMetrics.await(Duration.ofSeconds(30), "the rejected failback", s ->
                WorkerMetrics.value(s, "kafkadr_operations_failed_total",
                        Map.of("pair", "e2e", "operation", "failback", "outcome", "rejected")).orElse(0.0) >= 1);
        assertTrue(WorkerMetrics.value(ops, "kafkadr_operations_started_total", drill).orElse(0.0) >= 1, names(ops));
        assertTrue(WorkerMetrics.value(ops, "kafkadr_operations_completed_total",
                Map.of("pair", "local", "operation", "drill", "outcome", "passed")).orElse(0.0) >= 1, names(ops));
        assertTrue(WorkerMetrics.value(ops, "kafkadr_last_rto_seconds", drill).orElse(0.0) > 0, names(ops));
        assertEquals(0.0, WorkerMetrics.value(ops, "kafkadr_last_records_lost", drill).orElse(-1.0));
        assertTrue(ops.stream().anyMatch(x -> x.name().equals("kafkadr_operation_step_duration_seconds_count")
                && "failover".equals(x.labels().get("operation")) && x.value() > 0), names(ops));
        assertTrue(ops.stream().anyMatch(x -> x.name().startsWith("temporal_")), "the SDK's own metrics: " + names(ops));
        // the scheduled drill of @Order(9) passed (from visibility: it ran before the worker restarted)
        assertEquals(0.0, WorkerMetrics.value(ops, "kafkadr_drill_last_failed",
                Map.of("pair", "local", "scheduled", "true")).orElse(-1.0), names(ops));
        assertEquals(1.0, WorkerMetrics.value(ops, "kafkadr_pair_active",
                Map.of("pair", "local", "cluster", "primary")).orElse(-1.0));

        // after the drills' failback, the primary's recreated topic holds copies from the secondary:
        // not lag (the replication restored after it never copies them back)
        List<Double> local = ops.stream().filter(x -> x.name().equals("kafkadr_replication_lag_seconds")
                && "local".equals(x.labels().get("pair"))).map(PrometheusText.Sample::value).toList();
        assertFalse(local.isEmpty(), names(ops));
        assertTrue(local.stream().allMatch(v -> v < RPO_SECONDS), "pair local lag after the drills: " + local);

        int[] produced = {50, 80, 120};
        List<PrometheusText.Sample> caughtUp = WorkerMetrics.await(Duration.ofSeconds(60), "pair e2e caught up", s ->
                lagOfE2e(s, "kafkadr_replication_lag_records").equals(List.of(0.0, 0.0, 0.0)));
        Set<String> referenced = WorkerMetrics.namesIn(DrctlProcess.ROOT.resolve("deploy/monitoring"));
        Set<String> exported = PrometheusText.names(caughtUp);
        assertTrue(referenced.size() >= 10, referenced.toString());
        Set<String> missing = new HashSet<>(referenced);
        missing.removeAll(exported);
        assertTrue(missing.isEmpty(), "named by deploy/monitoring but not exported by the worker: " + missing);
        assertEquals((double) RPO_SECONDS, WorkerMetrics.value(caughtUp, "kafkadr_pair_rpo_objective_seconds",
                Map.of("pair", "e2e")).orElse(-1.0));

        String connector = "http://127.0.0.1:8083/connectors/" + E2E_SOURCE;
        assertEquals(0, DrctlProcess.exec(List.of("curl", "-sf", "-X", "PUT", connector + "/pause"), 1).exitCode());
        try {
            awaitConnectorState(connector, "PAUSED");
            for (int p = 0; p < PARTITIONS; p++) {
                DrctlProcess.Result r = DrctlProcess.exec(List.of("bash", "-c", "seq 1 " + produced[p]
                        + " | sed 's/^/lag-/' | kcat -P -b " + PRIMARY + " -t " + TOPIC + " -p " + p), 1);
                assertEquals(0, r.exitCode(), r.toString());
            }
            List<Double> byKcat = new java.util.ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                long end = Kcat.endOffset(PRIMARY, TOPIC, p);
                String headers = Kcat.lastHeaders(SECONDARY, TOPIC, p);
                long upstream = Long.parseLong(java.util.Arrays.stream(headers.split(","))
                        .filter(h -> h.startsWith("dr.src.offset=")).findFirst()
                        .orElseThrow(() -> new AssertionError("no dr.src.offset on the target's last record: " + headers))
                        .substring("dr.src.offset=".length()));
                byKcat.add((double) (end - (upstream + 1)));
                assertEquals(produced[p], end - (upstream + 1), "kcat: " + TOPIC + "-" + p + " end " + end
                        + ", newest copy's upstream offset " + upstream);
            }
            List<PrometheusText.Sample> lagging = WorkerMetrics.await(Duration.ofSeconds(30), "lag " + byKcat, s ->
                    lagOfE2e(s, "kafkadr_replication_lag_records").equals(byKcat));
            System.err.println("lag while MM2 is paused, by kcat " + byKcat + ", /metrics records "
                    + lagOfE2e(lagging, "kafkadr_replication_lag_records") + ", seconds "
                    + lagOfE2e(lagging, "kafkadr_replication_lag_seconds"));
            assertTrue(lagOfE2e(lagging, "kafkadr_replication_lag_seconds").stream().allMatch(v -> v > 0),
                    lagOfE2e(lagging, "kafkadr_replication_lag_seconds").toString());
            System.err.println("sample of /metrics after the drills, MM2 paused:\n" + WorkerMetrics.text().lines()
                    .filter(l -> l.startsWith("kafkadr_") && !l.contains("_bucket")).sorted()
                    .collect(java.util.stream.Collectors.joining("\n")));
        } finally {
            assertEquals(0, DrctlProcess.exec(List.of("curl", "-sf", "-X", "PUT", connector + "/resume"), 1).exitCode());
        }
        awaitConnectorState(connector, "RUNNING");
        List<PrometheusText.Sample> resumed = WorkerMetrics.await(Duration.ofSeconds(90), "lag back to 0", s ->
                lagOfE2e(s, "kafkadr_replication_lag_records").equals(List.of(0.0, 0.0, 0.0))
                        && lagOfE2e(s, "kafkadr_replication_lag_seconds").equals(List.of(0.0, 0.0, 0.0)));
        assertEquals(0.0, WorkerMetrics.value(resumed, "kafkadr_mm2_failed_tasks",
                Map.of("pair", "e2e", "connector", E2E_SOURCE)).orElse(-1.0));
    }

    /**
     * drctl provision and teardown through the stack's Temporal dev server and worker, against moto
     * (with the MSK calls moto lacks answered in their documented shapes: deploy/local/moto): the
     * pair config printed and registered with the worker, a plan afterwards that reuses everything,
     * a teardown that leaves moto without a resource the pair owns.
     */
    @Test
    @Order(14)
    void provisionOnMotoPrintsAndRegistersThePairAPlanReusesItAllAndTeardownLeavesNothing() throws Exception {
        String spec = "pairs/aws-example.yaml";
        AwsProvisionSpec parsed = ProvisionSpecs.parseFile(DrctlProcess.ROOT.resolve(spec));
        try (MotoServer moto = MotoServer.withMskShapes();
             AwsClients aws = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("e2e", "e2e")),
                     Optional.of(moto.endpoint()));
             PairOperations temporal = new PairOperations()) {
            String endpoint = moto.endpoint().toString();
            DrctlProcess.Result provision = DrctlProcess.run("provision", "--pair", spec, "--endpoint-url", endpoint);
            assertEquals(0, provision.exitCode(), provision.toString());
            assertTrue(provision.stderr().contains("[provision] wait msk active"), "progress while it runs: " + provision);
            String printed = provision.stdout();
            assertTrue(printed.contains("provisioned pair aws-example on " + endpoint), printed);
            Matcher registeredAs = Pattern.compile("# pair config, registered with the worker as (\\S+)\n").matcher(printed);
            assertTrue(registeredAs.find(), printed);
            PairConfig pair = PairConfigParser.parse(printed.substring(registeredAs.end()), "drctl provision's output");
            assertTrue(pair.primaryCluster().bootstrapServers().endsWith(".c2.kafka.us-east-1.amazonaws.com:9096"), printed);
            assertTrue(pair.secondaryCluster().securityOrPlaintext().secretRef()
                    .startsWith("aws-secretsmanager:arn:aws:secretsmanager:us-west-2:"), printed);
            Path registered = DrctlProcess.ROOT.resolve(registeredAs.group(1));
            try {
                assertEquals(pair, PairConfigParser.parseFile(registered), "the worker serves the printed pair");
                assertEquals(Map.of("ecs-clusters", 2, "ecs-services-active", 2, "kms-keys-enabled", 2, "msk-clusters", 2,
                        "peerings-active", 1, "secrets", 2, "security-groups", 2, "subnets", 6, "task-definitions", 2,
                        "vpcs", 2), MotoInventory.of(aws, parsed));
                PairOperations.HistorySize history = temporal.historySize(OperationIds.provision(parsed.name(), false));
                System.err.printf("provisioning run on the Temporal dev server (moto): %d history events, %d bytes%n",
                        history.events(), history.bytes());
                assertTrue(history.events() > 50 && history.bytes() < 2_000_000, history.toString());

                DrctlProcess.Result plan = DrctlProcess.run("provision", "--pair", spec, "--endpoint-url", endpoint, "--plan");
                assertEquals(0, plan.exitCode(), plan.toString());
                assertTrue(plan.stdout().contains("plan of pair aws-example"), plan.stdout());
                assertFalse(plan.stdout().contains("would-"), "nothing to create or change: " + plan.stdout());
                assertTrue(plan.stdout().lines().anyMatch(l -> l.matches("\\d+ reused")), plan.stdout());

                DrctlProcess.Result teardown = DrctlProcess.run("teardown", "--pair", spec, "--endpoint-url", endpoint, "--json");
                assertEquals(0, teardown.exitCode(), teardown.toString());
                JsonNode deleted = JSON.readTree(teardown.stdout()).path("resources");
                assertTrue(deleted.size() > 20, teardown.stdout());
                deleted.forEach(r -> assertEquals("deleted", r.path("action").asText(), r.toString()));
                assertEquals(Map.of(), MotoInventory.nonZero(MotoInventory.of(aws, parsed)), "moto holds nothing of the pair");
                PairOperations.HistorySize down = temporal.historySize(OperationIds.teardown(parsed.name()));
                System.err.printf("teardown run: %d history events, %d bytes%n", down.events(), down.bytes());
            } finally {
                Files.deleteIfExists(registered); // the stack's worker stops serving a pair whose clusters are gone
            }
        }
    }

    /** Pair e2e's lag metric {@code name} for partitions 0, 1, 2 of its topic (NaN where missing). */
    private static List<Double> lagOfE2e(List<PrometheusText.Sample> samples, String name) {
        List<Double> values = new java.util.ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            values.add(WorkerMetrics.value(samples, name, Map.of("pair", "e2e", "topic", TOPIC,
                    "partition", Integer.toString(p))).orElse(Double.NaN));
        }
        return values;
    }

    private static String names(List<PrometheusText.Sample> samples) {
        return PrometheusText.names(samples).toString();
    }

    private static void awaitConnectorState(String connector, String state) throws Exception {
        String status = "";
        for (int i = 0; i < 60; i++) {
            status = DrctlProcess.exec(List.of("curl", "-sf", connector + "/status"), 1).stdout();
            JsonNode s = JSON.readTree(status);
            boolean all = state.equals(s.path("connector").path("state").asText()) && s.path("tasks").size() > 0;
            for (JsonNode t : s.path("tasks")) {
                all &= state.equals(t.path("state").asText());
            }
            if (all) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(connector + " not " + state + " within 30 s: " + status);
    }

    private static final String BIG = "e2e.big";
    private static final int BIG_RECORDS = 3;
    private static final int WATCH_INTERVAL_SECONDS = 5;
    private static final String BIG_SOURCE = "mm2-e2e-big-primary-to-secondary-source";

    private static Path bigPair() {
        return writePair("e2e-big", BIG, "e2e-big-group");
    }

    /** The value size that makes a one-record batch (kcat: no compression, key {@code key}, no headers) exactly {@code batchBytes}. */
    private static int valueBytesForBatchOf(int batchBytes, String key) {
        int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
        int value = batchBytes - DefaultRecordBatch.RECORD_BATCH_OVERHEAD;
        while (DefaultRecordBatch.RECORD_BATCH_OVERHEAD
                + DefaultRecord.sizeInBytes(0, 0L, keyBytes, value,
                        new Header[0]) > batchBytes) {
            value--;
        }
        return value;
    }

    private static DrctlProcess.Result produceWithKcat(String topic, String key, int valueBytes) throws IOException {
        Path value = Files.createTempFile("big", ".bin");
        try {
            Files.writeString(value, "v".repeat(valueBytes));
            return DrctlProcess.exec(List.of("kcat", "-P", "-b", PRIMARY, "-t", topic, "-p", "0", "-k", key,
                    "-X", "message.max.bytes=" + (valueBytes + 100_000), value.toString()), 1);
        } finally {
            Files.delete(value);
        }
    }

    private static List<String> kcatKeysAndSizes(String bootstrap, String topic) {
        DrctlProcess.Result r = DrctlProcess.exec(List.of("bash", "-c", "set -o pipefail; kcat -b " + bootstrap
                + " -C -t " + topic + " -o beginning -e -q -f '%k %S\\n'"), 2);
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().lines().toList();
    }

    private static void awaitCopies(long records, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long copied = 0;
        while (System.nanoTime() < deadline) {
            copied = Kcat.count(SECONDARY, BIG, 0);
            if (copied >= records) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("records at max.message.bytes copied to the secondary: " + copied + " of " + records
                + " within " + timeout.toSeconds() + " s; source connector: " + sourceStatus());
    }

    private static String sourceStatus() {
        return DrctlProcess.exec(List.of("curl", "-s", "http://127.0.0.1:8083/connectors/" + BIG_SOURCE + "/status"), 1)
                .stdout();
    }

    /** When the source connector's task 0 was first seen in {@code state} (System.nanoTime()), 0 if not within {@code timeout}. */
    private static long awaitSourceTask(String state, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode tasks = JSON.readTree(sourceStatus()).path("tasks");
            if (tasks.size() > 0 && state.equals(tasks.get(0).path("state").asText())) {
                return System.nanoTime();
            }
            Thread.sleep(250);
        }
        return 0;
    }

    private static int maxMessageBytes(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(
                Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            ConfigResource r = new ConfigResource(
                    ConfigResource.Type.TOPIC, topic);
            return Integer.parseInt(admin.describeConfigs(List.of(r)).all().get().get(r).get("max.message.bytes").value());
        }
    }

    private static void setMaxMessageBytes(String bootstrap, String topic, int bytes) throws Exception {
        try (Admin admin = Admin.create(
                Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            ConfigResource r = new ConfigResource(
                    ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(r, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", Integer.toString(bytes)),
                    AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    /** kcat's view of {@code cluster}'s canary topic: each burst holds every record the canary says was acknowledged, once. */
    private static void assertBurstsAsKcatFindsThem(JsonNode canary, String runId, String cluster, List<Integer> bursts) {
        List<String> keys = Kcat.keys(cluster, "_dr.canary").stream().filter(k -> k.startsWith(runId + "/")).toList();
        for (int burst : bursts) {
            String prefix = runId + "/" + burst + "/";
            List<String> ofBurst = keys.stream().filter(k -> k.startsWith(prefix)).toList();
            long acked = canary.path("produced").path(Integer.toString(burst)).asLong();
            assertTrue(acked > 0, "burst " + burst + " acknowledged nothing: " + canary);
            assertEquals(acked, ofBurst.stream().distinct().count(), "burst " + burst + " on " + cluster);
            assertEquals(ofBurst.size(), ofBurst.stream().distinct().count(), "burst " + burst + " copied twice on " + cluster);
            for (long seq = 0; seq < acked; seq++) {
                assertTrue(ofBurst.contains(prefix + seq), prefix + seq + " missing on " + cluster);
            }
        }
    }

    private static JsonNode awaitDescribe(String id, java.util.function.Predicate<JsonNode> condition) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 300; i++) {
            DrctlProcess.Result d = DrctlProcess.run("schedule", "describe", id, "--json");
            assertEquals(0, d.exitCode(), d.toString());
            last = JSON.readTree(d.stdout());
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("schedule " + id + " never reached the expected state: " + last);
    }

    private static Path writePair(String name, String topic, String group) {
        String yaml = String.join("\n",
                "name: " + name,
                "primary: primary",
                "secondary: secondary",
                "clusters:",
                "  - {alias: primary, bootstrapServers: '" + PRIMARY + "', connectUrl: 'http://127.0.0.1:8084'}",
                "  - {alias: secondary, bootstrapServers: '" + SECONDARY + "', connectUrl: 'http://127.0.0.1:8083'}",
                "topics: {names: [" + topic + "]}",
                "consumerGroups: [{group: " + group + "}]",
                "thresholds: {countToleranceRecords: 0, maxLagRecords: 0, verifyTimeoutSeconds: 180}",
                "objectives: {rpoSeconds: " + RPO_SECONDS + "}",
                "");
        try {
            Path file = DrctlProcess.ROOT.resolve("e2e/target/" + name + "-pair.yaml");
            Files.createDirectories(file.getParent());
            return DrctlProcess.register(Files.writeString(file, yaml));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
