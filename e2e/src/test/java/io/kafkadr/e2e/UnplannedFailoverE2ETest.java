package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.workflows.cluster.PartitionOffset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A regional outage: every primary-side process (broker, Connect, the apps attached to it)
 * killed with kill -9 under traffic, then an unplanned failover. What the report knows lost
 * must cover what the ledgers say was lost; the failback then salvages exactly the records the
 * primary had acknowledged that never reached the secondary.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnplannedFailoverE2ETest {

    /** The long scenarios: in the nightly command (README), not in every verify (CI's 45 minutes). */
    static final String NIGHTLY = "nightly";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAIR = LocalPair.PAIR;
    private static long fromSeq;
    /** The loss figures of the first outage's failover, checked against what the failback finds. */
    private static long firstKnown;
    private static long firstEstimate;

    @BeforeAll
    static void replicatingPairUnderTraffic() throws IOException {
        fromSeq = LocalPair.replicatingUnderTraffic();
    }

    @AfterAll
    static void down() {
        assertEquals(0, DrctlProcess.run("local", "down").exitCode());
    }

    @Test
    @Order(1)
    void afterAKilledPrimaryTheLossBoundCoversWhatTheLedgersLost() throws Exception {
        Thread.sleep(Duration.ofSeconds(6).toMillis()); // a few observations of the pair entity's watch
        // Replication falls behind before the outage, so the primary takes records with it.
        pauseReplication();
        Thread.sleep(Duration.ofSeconds(4).toMillis());
        DrctlProcess.Result kill = DrctlProcess.run("local", "kill", "primary");
        assertEquals(0, kill.exitCode(), kill.toString());
        assertTrue(kill.stderr().contains("producer-p1") && kill.stderr().contains("consumer-orders-app"), kill.stderr());

        DrctlProcess.Result unforced = DrctlProcess.run("failover", "--pair", PAIR, "--mode", "unplanned");
        assertEquals(2, unforced.exitCode(), unforced.toString());
        assertTrue(unforced.stderr().contains("--force"), unforced.stderr());

        DrctlProcess.Result forced = DrctlProcess.run("failover", "--pair", PAIR, "--mode", "unplanned", "--force",
                "--reason", "e2e regional outage", "--json");
        assertEquals(0, forced.exitCode(), forced.toString());
        JsonNode report = JSON.readTree(forced.stdout());
        assertEquals("completed", report.path("outcome").asText());
        assertTrue(report.path("notes").toString().contains("cannot be fenced"), report.path("notes").toString());
        assertTrue(report.path("lossKnown").isArray() && report.path("lossEstimate").isArray(),
                "the report gives the known loss apart from the estimate: " + report);
        long known = total(report.path("lossKnown"));
        long estimate = total(report.path("lossEstimate"));
        // lossBound (kept for tools that read it) counts what MM2 copied on the same basis as lossKnown:
        // the copies on the secondary, not Connect's committed offsets (which lag its offset flush)
        assertEquals(known + estimate, total(report.path("lossBound")), "lossBound = lossKnown + lossEstimate, "
                + "nothing already copied counted as lost: " + report.path("lossBound") + " " + report.path("lossKnown")
                + " " + report.path("lossEstimate"));
        assertTrue(report.path("notes").toString().contains("how far MM2 had copied: read off the copies' provenance"),
                report.path("notes").toString());

        StackProcesses.assertClientsOn("secondary");
        assertEquals(0, DrctlProcess.run("local", "stop", "producer").exitCode());
        JsonNode ledgers = awaitConsumerSettled();
        System.err.printf("unplanned failover: RTO %d ms, known lost %d, estimated beyond %d (over %d ms), lost by the "
                + "ledgers %d, duplicates %d%n", report.path("rtoMillis").asLong(), known, estimate,
                report.path("lossEstimateWindowMillis").asLong(), ledgers.path("lost").asLong(),
                ledgers.path("duplicates").asLong());
        assertTrue(ledgers.path("acked").asLong() > 0);
        assertTrue(known > 0, "the paused replication left records on the primary that it was seen to hold");
        firstKnown = known;
        firstEstimate = estimate;

        // The pair's entity is lost (terminated by hand): it must come back active on the secondary,
        // rebuilt from the completed failover, not as "active on the primary, nothing copied".
        DrctlProcess.Result terminate = DrctlProcess.exec(List.of("temporal", "workflow", "terminate", "--workflow-id",
                "dr-pair/local", "--reason", "e2e: the entity is lost"), 1);
        assertEquals(0, terminate.exitCode(), terminate.toString());
        DrctlProcess.Result again = DrctlProcess.run("failover", "--pair", PAIR, "--mode", "planned", "--json");
        JsonNode rejected = JSON.readTree(again.stdout());
        assertEquals("rejected", rejected.path("outcome").asText(), again.toString());
        assertTrue(rejected.path("notes").toString().contains("active on 'secondary'"), rejected.toString());
    }

    @Test
    @Order(2)
    void failbackSalvagesExactlyWhatThePrimaryTookWithIt() throws Exception {
        DrctlProcess.Result tooEarly = DrctlProcess.run("failback", "--pair", PAIR, "--json");
        assertEquals(1, tooEarly.exitCode(), tooEarly.toString());
        JsonNode refused = JSON.readTree(tooEarly.stdout());
        assertEquals("failed", refused.path("outcome").asText());
        assertTrue(refused.path("notes").toString().contains("still does not answer"), refused.toString());
        assertEquals(0, refused.path("salvaged").size(), "nothing may change while the primary is down");

        assertEquals(0, DrctlProcess.run("local", "up").exitCode(), "the primary region is back");
        assertEquals(0, DrctlProcess.run("local", "start", "traffic", "--rate", "50", "--cluster", "secondary").exitCode());
        Set<String> orphans = new HashSet<>(Ledgers.acked("primary", fromSeq));
        orphans.removeAll(idsIn("orders"));
        assertFalse(orphans.isEmpty(), "the paused replication should have left acknowledged records on the primary only");

        DrctlProcess.Result failback = DrctlProcess.run("failback", "--pair", PAIR, "--reason", "e2e", "--json");

        assertEquals(0, failback.exitCode(), failback.toString());
        JsonNode report = JSON.readTree(failback.stdout());
        assertEquals("completed", report.path("outcome").asText());
        Set<String> quarantined = idsIn("_dr.orphans.orders");
        System.err.printf("failback after the outage: salvaged %d, records acknowledged by the primary and absent "
                + "from the secondary %d%n", report.path("recordsSalvaged").asLong(), orphans.size());
        assertTrue(quarantined.containsAll(orphans), "not salvaged: " + difference(orphans, quarantined));
        assertEquals(quarantined.size(), report.path("recordsSalvaged").asLong());
        System.err.printf("the failover knew %d lost and estimated %d more; the failback measured %d acknowledged "
                + "records on the primary only, salvaged %d%n", firstKnown, firstEstimate, orphans.size(),
                report.path("recordsSalvaged").asLong());
        assertTrue(firstKnown <= report.path("recordsSalvaged").asLong(), "what the failover knew lost ("
                + firstKnown + ") is a lower bound of what the failback salvaged (" + report.path("recordsSalvaged") + ")");
        assertEquals(firstKnown, report.path("failoverLossKnown").asLong(-1),
                "the failback reports the failover's figures beside what it measured");
        assertEquals(firstEstimate, report.path("failoverLossEstimate").asLong(-1));
        // Beyond those, the primary may hold records it wrote but whose acknowledgement died with it:
        // salvaged too, and never acknowledged to the producer.
        Set<String> unacknowledged = difference(quarantined, orphans);
        Set<String> acknowledged = new HashSet<>(unacknowledged);
        acknowledged.retainAll(Ledgers.acked("primary", 0));
        assertTrue(acknowledged.isEmpty(), "salvaged records that had reached the secondary: " + acknowledged);
        System.err.printf("salvaged %d = %d acknowledged by the primary only + %d whose acknowledgement was lost%n",
                quarantined.size(), orphans.size(), unacknowledged.size());
        StackProcesses.assertClientsOn("primary");
    }

    /**
     * A second regional outage after the first cycle: the primary's topics were recreated by the
     * failback, so their offsets started again below those the quarantine already holds from the
     * first cycle. The second failback must quarantine its own orphans, all of them, and report
     * the count the quarantine really gained.
     */
    @Test
    @Order(3)
    @Tag(NIGHTLY)
    void aSecondOutageSalvagesItsOwnOrphansToo() throws Exception {
        long cycleSeq = Ledgers.audit(0).path("nextSeq").asLong();
        Thread.sleep(Duration.ofSeconds(6).toMillis());
        pauseReplication();
        // Two records near the topic's size limit (1 MiB by default), written by kcat: their
        // quarantine copies carry origin headers on top, which only a quarantine sized for them takes.
        Set<String> big = Set.of("big-1", "big-2");
        for (String id : big) {
            Path value = Files.createTempFile("big", ".bin");
            Files.writeString(value, "x".repeat(1_048_400));
            DrctlProcess.Result produced = DrctlProcess.exec(List.of("kcat", "-P", "-b", "127.0.0.1:19092", "-t", "orders",
                    "-p", id.endsWith("1") ? "0" : "1", "-H", "dr.id=" + id, "-H", "dr.seq=0", "-H", "dr.producer=big",
                    "-X", "message.max.bytes=2000000", value.toString()), 1);
            assertEquals(0, produced.exitCode(), produced.toString());
        }
        Thread.sleep(Duration.ofSeconds(8).toMillis());
        // A writer nobody here wrote: Kafka's VerifiableProducer at 10 records/s while the watch
        // observes, then a burst of 5000 records/s (500 times the rate the watch saw; as fast as
        // this stack takes it, and still running when drctl checks it a second after its start),
        // and the primary dies within 5 s: a burst no estimate foresees.
        tool("start", "verifiable-producer", "--name", "steady", "--topic", "orders", "--throughput", "10");
        Thread.sleep(Duration.ofSeconds(3).toMillis());
        tool("stop", "verifiable-producer", "--name", "steady");
        tool("start", "verifiable-producer", "--name", "burst", "--topic", "orders", "--throughput", "5000",
                "--max-messages", "50000");
        Thread.sleep(Duration.ofSeconds(2).toMillis());
        assertEquals(0, DrctlProcess.run("local", "kill", "primary").exitCode());
        DrctlProcess.exec(List.of(DrctlProcess.ROOT.resolve("drctl").toString(), "local", "stop", "verifiable-producer",
                "--name", "burst"), 1);
        DrctlProcess.Result forced = DrctlProcess.run("failover", "--pair", PAIR, "--mode", "unplanned", "--force",
                "--reason", "e2e second outage", "--json");
        assertEquals(0, forced.exitCode(), forced.toString());
        JsonNode failoverReport = JSON.readTree(forced.stdout());
        long known = total(failoverReport.path("lossKnown"));
        long estimate = total(failoverReport.path("lossEstimate"));

        assertEquals(0, DrctlProcess.run("local", "up").exitCode(), "the primary region is back");
        assertEquals(0, DrctlProcess.run("local", "start", "traffic", "--rate", "50", "--cluster", "secondary").exitCode());
        Set<String> orphans = new HashSet<>(Ledgers.acked("primary", cycleSeq));
        orphans.removeAll(idsIn("orders"));
        assertFalse(orphans.isEmpty(), "the paused replication should have left acknowledged records on the primary only");
        orphans.addAll(big);
        // VerifiableProducer's own output: what it had acknowledged that the secondary has no copy of
        Set<String> toolOrphans = acknowledgedValues("verifiable-producer-steady");
        toolOrphans.addAll(acknowledgedValues("verifiable-producer-burst"));
        toolOrphans.removeAll(valuesIn("orders"));
        long truth = orphans.size() + toolOrphans.size();
        System.err.printf("second outage: the failover knew %d lost and estimated %d more (over %d ms); the clients' own "
                + "output says %d acknowledged records stayed on the primary only (%d of VerifiableProducer's)%n", known,
                estimate, failoverReport.path("lossEstimateWindowMillis").asLong(), truth, toolOrphans.size());
        assertTrue(known <= truth, "known lost " + known + " is a lower bound of the " + truth
                + " acknowledged records the primary took with it");
        long quarantinedBefore = quarantineRecords();

        DrctlProcess.Result failback = DrctlProcess.run("failback", "--pair", PAIR, "--reason", "e2e second", "--json");

        assertEquals(0, failback.exitCode(), failback.toString());
        JsonNode report = JSON.readTree(failback.stdout());
        assertEquals("completed", report.path("outcome").asText());
        long gained = quarantineRecords() - quarantinedBefore;
        System.err.printf("second failback: salvaged %d (report), quarantine gained %d records, %d acknowledged by the "
                + "primary only%n", report.path("recordsSalvaged").asLong(), gained, orphans.size());
        Set<String> quarantined = idsIn("_dr.orphans.orders");
        assertTrue(quarantined.containsAll(orphans), "not salvaged: " + difference(orphans, quarantined));
        assertEquals(gained, report.path("recordsSalvaged").asLong(), "the report must say what the quarantine gained");
        assertTrue(gained >= truth, "salvaged " + gained + " of the " + truth + " acknowledged records only the primary held");
        assertTrue(known <= gained);
        assertTrue(valuesIn("_dr.orphans.orders").containsAll(toolOrphans), "VerifiableProducer's records not salvaged");
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", "127.0.0.1:29092"))) {
            ConfigResource quarantine = new ConfigResource(ConfigResource.Type.TOPIC, "_dr.orphans.orders");
            Config config = admin.describeConfigs(List.of(quarantine)).all().get().get(quarantine);
            assertEquals("-1", config.get("retention.ms").value(), "a quarantine never expires");
            assertEquals("-1", config.get("retention.bytes").value());
            assertEquals("delete", config.get("cleanup.policy").value(), "a quarantine never compacts");
        }
        StackProcesses.assertClientsOn("primary");
    }

    /**
     * Pauses MM2's source connector and waits until its tasks report PAUSED: Connect pauses
     * asynchronously, and MM2's producer takes records up to 32 MiB, so a record written right
     * after the request could still be copied.
     */
    private static void pauseReplication() throws InterruptedException {
        String url = "http://127.0.0.1:8083/connectors/mm2-local-primary-to-secondary-source";
        DrctlProcess.Result pause = DrctlProcess.exec(List.of("curl", "-sf", "-X", "PUT", url + "/pause"), 1);
        assertEquals(0, pause.exitCode(), pause.toString());
        String status = "";
        for (int i = 0; i < 60; i++) {
            status = DrctlProcess.exec(List.of("curl", "-sf", url + "/status"), 1).stdout();
            if (status.contains("\"tasks\":[{") && !status.contains("RUNNING") && status.contains("PAUSED")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("MM2's source connector did not pause within 30 s: " + status);
    }

    private static void tool(String action, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("local", action));
        cmd.addAll(List.of(args));
        assertEquals(0, DrctlProcess.run(cmd.toArray(String[]::new)).exitCode(), "drctl " + cmd);
    }

    /** Values a VerifiableProducer run acknowledged ({@code producer_send_success} in its own output). */
    private static Set<String> acknowledgedValues(String app) throws IOException {
        Set<String> values = new HashSet<>();
        for (String line : Files.readAllLines(DrctlProcess.ROOT.resolve(".local/ledgers/" + app + ".jsonl"))) {
            if (line.startsWith("{") && line.endsWith("}")) {
                JsonNode e = JSON.readTree(line);
                if (e.path("name").asText().equals("producer_send_success")) {
                    values.add(e.path("value").asText());
                }
            }
        }
        return values;
    }

    /** Every record value of a topic of the secondary, as kcat prints them. */
    private static Set<String> valuesIn(String topic) {
        return new HashSet<>(Kcat.values("127.0.0.1:29092", topic));
    }

    private static long total(JsonNode figures) {
        long n = 0;
        for (JsonNode p : figures) {
            n += p.path("offset").asLong();
        }
        return n;
    }

    /**
     * A producer nobody stopped writes to the old primary now and then: kcat, bursts of 5 records
     * with pauses of 15 s (longer than the salvage's three rounds: a writer that pauses less is caught
     * there, as it was before), throughout failbacks until one gets past the
     * deletion of the primary's topics. Every record kcat reported delivered must end in the
     * quarantine, counted in a report, or on the secondary (reverse-copied, or copied by the
     * replication the failback restored). A record left on the primary only was accepted into a
     * recreated topic ahead of the reverse copies: consumers were placed past it and the restored
     * replication started past it.
     */
    @Test
    @Order(4)
    @Tag(NIGHTLY)
    void aProducerWritingNowAndThenToTheOldPrimaryLosesNothingAcrossTheFailback() throws Exception {
        DrctlProcess.Result failover = DrctlProcess.run("failover", "--pair", PAIR, "--mode", "planned", "--json");
        assertEquals(0, failover.exitCode(), failover.toString());
        long quarantinedBefore = quarantineRecords();
        long reported = 0;
        List<String> attempts = new ArrayList<>();
        KcatBursts writer = KcatBursts.start("127.0.0.1:19092", "orders", "now-and-then", 3, 5, Duration.ofSeconds(15));
        Set<String> acked = null;
        boolean completed = false;
        for (int attempt = 1; attempt <= 5 && !completed; attempt++) {
            DrctlProcess.Result run = DrctlProcess.run("failback", "--pair", PAIR, "--reason", "e2e writer " + attempt,
                    "--json");
            JsonNode report = run.stdout().trim().startsWith("{") ? JSON.readTree(run.stdout()) : null;
            if (report == null) {
                attempts.add("failed: " + run.stderr().lines().filter(l -> l.contains("failed")).toList());
            } else {
                reported += report.path("recordsSalvaged").asLong();
                completed = "completed".equals(report.path("outcome").asText());
                attempts.add(report.path("outcome").asText() + " (salvaged " + report.path("recordsSalvaged").asLong()
                        + ", foreign writes " + report.path("foreignWrites") + ", notes " + report.path("notes") + ")");
            }
            boolean pastDeletion = report != null && report.path("recreatedTopics").size() > 0;
            if (acked == null && (pastDeletion || attempt == 3)) {
                acked = writer.stop();
            }
        }
        if (acked == null) {
            acked = writer.stop();
        }
        System.err.println("failback attempts with a producer writing now and then: " + attempts);
        assertTrue(completed, "no failback completed: " + attempts);
        assertFalse(acked.isEmpty(), "kcat acknowledged nothing");
        Set<String> quarantined = quarantineExists() ? idsIn("_dr.orphans.orders") : Set.of();
        Set<String> missing = difference(difference(acked, quarantined), idsIn("orders"));
        for (int i = 0; i < 30 && !missing.isEmpty(); i++) { // the restored replication copies the last ones
            Thread.sleep(2000);
            missing = difference(missing, idsIn("orders"));
        }
        Set<String> onPrimaryOnly = new HashSet<>(missing);
        onPrimaryOnly.retainAll(TopicIds.in("127.0.0.1:19092", "orders"));
        long gained = quarantineRecords() - quarantinedBefore;
        System.err.printf("now-and-then writer: %d acknowledged by kcat, %d refused; %d quarantined; quarantine gained "
                + "%d, reports salvaged %d; on the primary only %d, nowhere %d%n", acked.size(), writer.refused().size(),
                acked.stream().filter(quarantined::contains).count(), gained, reported, onPrimaryOnly.size(),
                missing.size() - onPrimaryOnly.size());
        assertTrue(missing.isEmpty(), "acknowledged records neither quarantined nor on the secondary: "
                + onPrimaryOnly.size() + " on the primary only, ahead of the reverse copies (" + sorted(onPrimaryOnly)
                + "), " + (missing.size() - onPrimaryOnly.size()) + " deleted unsalvaged ("
                + sorted(difference(missing, onPrimaryOnly)) + "); attempts: " + attempts);
        assertEquals(gained, reported, "the reports must count what the quarantine gained; attempts: " + attempts);
        StackProcesses.assertClientsOn("primary");
    }

    /**
     * Salvage by content, for a pair with provenance off, over runs of identical records (same key,
     * value, timestamp, headers): MM2 had copied only part of each run. Against the stack's brokers,
     * the salvage activity called directly, the copies written as MM2 writes them without origin.
     * Partition 0: six identical records, two copied, none committed as copied. Partition 1: three
     * identical records copied and committed, two more like them written after. Partition 2:
     * distinct records, two of four copied.
     */
    @Test
    @Order(5)
    void withProvenanceOffTheSalvageCountsRunsOfIdenticalRecordsByOccurrence() throws Exception {
        try (ContentSalvage salvage = new ContentSalvage("content-runs")) {
            salvage.create(3);
            salvage.write(ContentSalvage.PRIMARY, 0, "x", 6);
            salvage.write(ContentSalvage.SECONDARY, 0, "x", 2);
            salvage.write(ContentSalvage.PRIMARY, 1, "y", 5);
            salvage.write(ContentSalvage.SECONDARY, 1, "y", 3);
            for (String c : List.of("a", "b", "c", "d")) {
                salvage.write(ContentSalvage.PRIMARY, 2, c, 1);
            }
            salvage.write(ContentSalvage.SECONDARY, 2, "a", 1);
            salvage.write(ContentSalvage.SECONDARY, 2, "b", 1);

            List<PartitionOffset> salvaged = salvage.salvage(List.of(new PartitionOffset("content-runs", 1, 2)));

            Map<Integer, java.util.TreeSet<Long>> quarantined = salvage.quarantined(3);
            System.err.println("salvage by content over runs of identical records: " + salvaged + ", quarantined "
                    + quarantined);
            assertEquals(Map.of(0, Set.of(2L, 3L, 4L, 5L), 1, Set.of(3L, 4L), 2, Set.of(2L, 3L)), quarantined,
                    "the primary offsets quarantined per partition: only the uncopied part of each run, all of it");
            assertEquals(List.of(new PartitionOffset("content-runs", 0, 4), new PartitionOffset("content-runs", 1, 2),
                    new PartitionOffset("content-runs", 2, 2)), salvaged.stream().sorted(
                    java.util.Comparator.comparingInt(PartitionOffset::partition)).toList());
        }
    }

    @Test
    @Order(6)
    void theQuarantineFollowsItsSourcesPartitionsAndARetryBesideARunningAttemptWritesNothingTwice() throws Exception {
        // two workers' activity environments: the second attempt runs beside the first, not after it
        try (ContentSalvage salvage = new ContentSalvage("quarantine-retry");
             ContentSalvage otherWorker = new ContentSalvage("quarantine-retry")) {
            salvage.create(3);
            // made by an earlier failback, when the topic had one partition
            salvage.createQuarantine(1);
            int records = 20_000;
            salvage.writeDistinct(ContentSalvage.PRIMARY, 2, records, 1024);
            salvage.writeDistinct(ContentSalvage.PRIMARY, 0, 10, 16);

            // two attempts at once, as after a heartbeat timeout while the first still writes
            java.util.concurrent.ExecutorService attempts = java.util.concurrent.Executors.newFixedThreadPool(2);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            try {
                var first = attempts.submit(() -> {
                    go.await();
                    return salvage.salvage(List.of());
                });
                var second = attempts.submit(() -> {
                    go.await();
                    return otherWorker.salvage(List.of());
                });
                go.countDown();
                List<List<PartitionOffset>> answers = new ArrayList<>();
                List<String> failures = new ArrayList<>();
                for (var attempt : List.of(first, second)) {
                    try {
                        answers.add(attempt.get(5, java.util.concurrent.TimeUnit.MINUTES));
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add(String.valueOf(e.getCause()));
                    }
                }
                Map<Integer, List<Long>> held = salvage.quarantinedWithRepeats(3);
                System.err.println("two salvage attempts side by side: answers " + answers + ", failures " + failures
                        + ", quarantined per partition " + held.get(0).size() + "/" + held.get(1).size() + "/"
                        + held.get(2).size() + " (distinct " + new java.util.HashSet<>(held.get(2)).size() + ")");
                assertFalse(answers.isEmpty(), "an attempt completes: " + failures);
                assertEquals(records, held.get(2).size(), "each record of partition 2 once in the quarantine");
                assertEquals(records, new java.util.HashSet<>(held.get(2)).size());
                assertEquals(10, held.get(0).size());
                for (List<PartitionOffset> answer : answers) {
                    assertEquals(List.of(new PartitionOffset("quarantine-retry", 0, 10),
                            new PartitionOffset("quarantine-retry", 1, 0),
                            new PartitionOffset("quarantine-retry", 2, records)), answer.stream().sorted(
                            java.util.Comparator.comparingInt(PartitionOffset::partition)).toList(),
                            "every completed attempt reports what the quarantine holds");
                }
            } finally {
                attempts.shutdownNow();
            }
        }
    }

    private static List<String> sorted(Set<String> ids) {
        return ids.stream().sorted().limit(20).toList();
    }

    /** Records in the quarantine of orders (none before a failback first salvaged something). */
    private static long quarantineRecords() throws Exception {
        if (!quarantineExists()) {
            return 0;
        }
        long n = 0;
        for (int p = 0; p < 3; p++) {
            n += Kcat.count("127.0.0.1:29092", "_dr.orphans.orders", p);
        }
        return n;
    }

    private static boolean quarantineExists() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", "127.0.0.1:29092"))) {
            return admin.listTopics().names().get().contains("_dr.orphans.orders");
        }
    }

    /** Record ids (header dr.id) in a topic of the secondary. */
    private static Set<String> idsIn(String topic) {
        return TopicIds.in("127.0.0.1:29092", topic);
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** Records the primary took with it are never consumed: wait until the consumer stops making progress. */
    private static JsonNode awaitConsumerSettled() throws Exception {
        JsonNode last = audit();
        int unchanged = 0;
        for (int i = 0; i < 90 && unchanged < 5; i++) {
            Thread.sleep(1000);
            JsonNode now = audit();
            unchanged = now.path("consumed").asLong() == last.path("consumed").asLong() ? unchanged + 1 : 0;
            last = now;
        }
        return last;
    }

    private static JsonNode audit() throws IOException {
        return Ledgers.audit(fromSeq);
    }
}
