package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A workload nobody here wrote: kcat (librdkafka) produces runs of identical records (same key,
 * value and, within a run, the same millisecond) into {@code bursts}, and a compacted topic whose
 * offsets have gaps into {@code compacted}; a kcat consumer group reads part of each on the
 * primary. Both groups are read by one application (the pair gives them one binding), which the
 * failover moves once. The planned failover must resume each group on the secondary at exactly the
 * next record: from kcat's own output on the secondary, the first record it reads there is the copy of
 * the first one it had not read on the primary, and it reads every later record once.
 */
class RealClientsE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAIR = "pairs/e2e-kcat.yaml";
    private static final String PRIMARY = "127.0.0.1:19092";
    private static final int RUNS = 100;
    private static final int RUN_LENGTH = 50;
    private static final int READ_ON_PRIMARY = 4150;
    private static final Path ON_SECONDARY = DrctlProcess.ROOT.resolve(".local/ledgers/kcat-bursts-reader-secondary.out");
    private static final Path COMPACTED_ON_SECONDARY = DrctlProcess.ROOT.resolve(
            ".local/ledgers/kcat-compacted-reader-secondary.out");
    private static final int KEYS = 50;
    private static final String SPARSE = "sparse";
    private static final Path SPARSE_ON_SECONDARY = DrctlProcess.ROOT.resolve(".local/ledgers/kcat-sparse-reader-secondary.out");
    /** What the sparse reader's stop writes to partition 2 of {@value #SPARSE} (pairs/e2e-kcat.yaml). */
    private static final int WRITTEN_AT_STOP = 100;

    @BeforeAll
    static void stack() throws Exception {
        assertEquals(0, DrctlProcess.run("local", "reset").exitCode());
        assertEquals(0, DrctlProcess.run("local", "up").exitCode());
        assertEquals(0, DrctlProcess.run("local", "start", "worker").exitCode());
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("bursts", 1, (short) 1), new NewTopic(SPARSE, 3, (short) 1),
                    new NewTopic("compacted", 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact", "segment.ms", "100", "min.cleanable.dirty.ratio", "0.001",
                            "min.compaction.lag.ms", "0", "delete.retention.ms", "100")))).all().get();
        }
    }

    @AfterAll
    static void down() {
        DrctlProcess.exec(List.of("bash", "-c", "pkill -f '[k]cat .*-G (bursts|compacted|sparse)-reader'; true"), 1);
        assertEquals(0, DrctlProcess.run("local", "down").exitCode());
    }

    @Test
    void aKcatGroupReadingRunsOfIdenticalRecordsResumesAtExactlyTheNextRecord() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int run = 0; run < RUNS; run++) {
            for (int i = 0; i < RUN_LENGTH; i++) {
                lines.append("key-").append(run).append(":value-").append(run).append('\n');
            }
        }
        Path input = Files.createTempFile("bursts", ".txt");
        Files.writeString(input, lines);
        DrctlProcess.Result produced = DrctlProcess.exec(List.of("bash", "-c", "kcat -b " + PRIMARY
                + " -P -t bursts -p 0 -K: -l " + input), 2);
        assertEquals(0, produced.exitCode(), produced.toString());

        List<Long> compactedOffsets = compactedOnThePrimary();

        assertEquals(0, DrctlProcess.run("replicate", "--pair", PAIR).exitCode());
        assertEquals(0, DrctlProcess.run("verify", "--pair", PAIR).exitCode());

        DrctlProcess.Result read = DrctlProcess.exec(List.of("bash", "-c", "kcat -b " + PRIMARY
                + " -G bursts-reader -X auto.offset.reset=earliest -c " + READ_ON_PRIMARY + " -q -f '%o\\n' bursts | wc -l"), 2);
        assertEquals(0, read.exitCode(), read.toString());
        long committed;
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("bursts-reader")
                    .partitionsToOffsetAndMetadata().get();
            committed = offsets.get(new TopicPartition("bursts", 0)).offset();
        }
        assertTrue(committed > 0 && committed < RUNS * RUN_LENGTH, "kcat committed " + committed);
        int readCompacted = compactedOffsets.size() / 2;
        DrctlProcess.Result readC = DrctlProcess.exec(List.of("bash", "-c", "kcat -b " + PRIMARY
                + " -G compacted-reader -X auto.offset.reset=earliest -c " + readCompacted + " -q -f '%o\\n' compacted | wc -l"), 2);
        assertEquals(0, readC.exitCode(), readC.toString());
        long compactedCommitted = committedOffset("compacted-reader", "compacted");
        List<Long> compactedExpected = compactedOffsets.stream().filter(o -> o >= compactedCommitted).toList();

        Map<TopicPartition, Long> sparseCommitted = sparseReaderCommitsTwoOfThreePartitions();

        DrctlProcess.Result failover = DrctlProcess.run("failover", "--pair", PAIR, "--mode", "planned", "--json");
        assertEquals(0, failover.exitCode(), failover.toString());
        JsonNode report = JSON.readTree(failover.stdout());
        JsonNode consumers = report.path("consumers");
        // both groups are one application (one binding): stopped once, both handed over, started once
        List<String> steps = new ArrayList<>();
        report.path("timeline").forEach(step -> steps.add(step.path("name").asText()));
        assertEquals(1, steps.stream().filter(n -> n.equals("stop consumer bursts-reader (one application with consumer "
                + "compacted-reader)")).count(), steps.toString());
        assertEquals(List.of("start consumer bursts-reader"), steps.stream()
                .filter(n -> n.startsWith("start ") && !n.equals("start consumer sparse-reader")).toList());
        assertTrue(steps.indexOf("hand over consumer compacted-reader") < steps.indexOf("start consumer bursts-reader"),
                steps.toString());
        JsonNode handOver = consumers.get(0).path("offsets").get(0);
        JsonNode compactedHandOver = consumers.get(1).path("offsets").get(0);

        // kcat's own output on the secondary: the upstream offset of every record it read there
        List<Long> upstream = awaitRead(ON_SECONDARY, RUNS * RUN_LENGTH - committed);
        List<Long> compactedUpstream = awaitRead(COMPACTED_ON_SECONDARY, compactedExpected.size());
        System.err.printf("compacted topic: %d records left of %d offsets on the primary; kcat group committed %d there; "
                + "hand-over %s to %d (%s); read %d records on the secondary%n", compactedOffsets.size(),
                compactedOffsets.get(compactedOffsets.size() - 1) + 1, compactedCommitted, compactedHandOver.path("sourceCommitted"),
                compactedHandOver.path("targetOffset").asLong(), compactedHandOver.path("derivation").asText(),
                compactedUpstream.size());
        assertEquals("exact", compactedHandOver.path("derivation").asText());
        assertEquals(compactedExpected, compactedUpstream,
                "kcat must read every record of the compacted topic it had not read on the primary, once, in order");
        System.err.printf("kcat group: committed %d on the primary; hand-over %s to %d (%s); read %d records on the "
                + "secondary, first upstream offset %d%n", committed, handOver.path("sourceCommitted"),
                handOver.path("targetOffset").asLong(), handOver.path("derivation").asText(), upstream.size(),
                upstream.isEmpty() ? -1 : upstream.get(0));
        assertEquals("exact", handOver.path("derivation").asText());
        List<Long> expected = new ArrayList<>();
        for (long o = committed; o < RUNS * RUN_LENGTH; o++) {
            expected.add(o);
        }
        assertEquals(expected, upstream, "kcat must read every record it had not read on the primary, once, in order");

        // the partition the sparse reader never committed: placed at where kcat (latest) stood before its stop
        JsonNode sparseMove = null;
        for (JsonNode move : consumers) {
            if (move.path("client").asText().equals("consumer sparse-reader")) {
                sparseMove = move;
            }
        }
        assertTrue(sparseMove != null, "the sparse reader moved: " + consumers);
        JsonNode neverCommitted = null;
        for (JsonNode o : sparseMove.path("offsets")) {
            if (o.path("topic").asText().equals(SPARSE) && o.path("partition").asInt() == 2) {
                neverCommitted = o;
            }
        }
        assertTrue(neverCommitted != null, "partition 2, which the sparse reader never committed, is handed over: "
                + sparseMove.path("offsets"));
        List<Long> lateRead = awaitRead(SPARSE_ON_SECONDARY, Pattern.compile("^2 \\d+ .*dr\\.src\\.offset=(\\d+)"),
                WRITTEN_AT_STOP);
        System.err.printf("sparse reader: committed %s on the primary; partition 2 handed over at %d (%s); kcat read %d of "
                + "the %d records written to it after its stop on the secondary%n", sparseCommitted,
                neverCommitted.path("targetOffset").asLong(), neverCommitted.path("derivation").asText(), lateRead.size(),
                WRITTEN_AT_STOP);
        assertEquals("uncommitted", neverCommitted.path("derivation").asText());
        List<Long> everyLate = new ArrayList<>();
        for (long o = 0; o < WRITTEN_AT_STOP; o++) {
            everyLate.add(o);
        }
        assertEquals(everyLate, lateRead, "kcat must read on the secondary, once each, every record written to the partition "
                + "it never committed after its stop on the primary");
    }

    /**
     * Starts the sparse reader (kcat at librdkafka's defaults: auto.offset.reset=latest) on the
     * primary and writes to partitions 0 and 1 of {@value #SPARSE} until it has committed both;
     * partition 2 stays empty, so it is never committed. Returns the committed offsets.
     */
    private static Map<TopicPartition, Long> sparseReaderCommitsTwoOfThreePartitions() throws Exception {
        assertEquals(0, DrctlProcess.exec(List.of("bash", "-c", "cd " + DrctlProcess.ROOT + " && mkdir -p .local/ledgers && "
                + "{ setsid nohup kcat -u -b " + PRIMARY + " -G sparse-reader -f '%p %o %h\\n' " + SPARSE
                + " >> .local/ledgers/kcat-sparse-reader-primary.out 2>/dev/null < /dev/null & }"), 1).exitCode());
        for (int round = 0; round < 12; round++) {
            for (int p = 0; p < 2; p++) {
                assertEquals(0, DrctlProcess.exec(List.of("bash", "-c", "seq 1 10 | sed 's/^/early-" + round + "-/' | kcat -b "
                        + PRIMARY + " -P -t " + SPARSE + " -p " + p), 1).exitCode());
            }
            Thread.sleep(6000); // librdkafka commits every 5 s
            Map<TopicPartition, Long> committed = new java.util.HashMap<>();
            try (Admin admin = admin()) {
                admin.listConsumerGroupOffsets("sparse-reader").partitionsToOffsetAndMetadata().get()
                        .forEach((tp, om) -> committed.put(tp, om == null ? -1 : om.offset()));
            }
            if (committed.getOrDefault(new TopicPartition(SPARSE, 0), -1L) > 0
                    && committed.getOrDefault(new TopicPartition(SPARSE, 1), -1L) > 0) {
                assertTrue(!committed.containsKey(new TopicPartition(SPARSE, 2)), "partition 2 is empty: " + committed);
                return committed;
            }
        }
        throw new AssertionError("the sparse kcat reader never committed partitions 0 and 1 of " + SPARSE);
    }

    /** Upstream offsets (dr.src.offset) of what kcat printed on the secondary, once it has read {@code n} records. */
    private static List<Long> awaitRead(Path output, long n) throws Exception {
        return awaitRead(output, Pattern.compile("dr\\.src\\.offset=(\\d+)"), n);
    }

    /** The same for the lines of {@code output} that {@code origin} matches (group 1: the upstream offset). */
    private static List<Long> awaitRead(Path output, Pattern origin, long n) throws Exception {
        List<Long> upstream = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            upstream.clear();
            if (Files.exists(output)) {
                for (String line : Files.readAllLines(output)) {
                    Matcher m = origin.matcher(line);
                    if (m.find()) {
                        upstream.add(Long.parseLong(m.group(1)));
                    }
                }
            }
            if (upstream.size() >= n) {
                Thread.sleep(2000); // anything read twice would show now
                return readAgain(output, origin);
            }
            Thread.sleep(1000);
        }
        return upstream;
    }

    private static List<Long> readAgain(Path output, Pattern origin) throws IOException {
        List<Long> upstream = new ArrayList<>();
        for (String line : Files.readAllLines(output)) {
            Matcher m = origin.matcher(line);
            if (m.find()) {
                upstream.add(Long.parseLong(m.group(1)));
            }
        }
        return upstream;
    }

    /**
     * Writes {@value #KEYS} keys over and over in rounds (each round rolls a segment), then waits
     * until the log cleaner has compacted the primary's partition; returns the offsets left there.
     */
    private static List<Long> compactedOnThePrimary() throws Exception {
        for (int round = 0; round < 4; round++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                lines.append("key-").append(i % KEYS).append(":round-").append(round).append('-').append(i).append('\n');
            }
            Path input = Files.createTempFile("compacted", ".txt");
            Files.writeString(input, lines);
            assertEquals(0, DrctlProcess.exec(List.of("bash", "-c", "kcat -b " + PRIMARY + " -P -t compacted -p 0 -K: -l "
                    + input), 2).exitCode());
            Thread.sleep(1200);
        }
        List<Long> offsets = List.of();
        for (int i = 0; i < 90; i++) {
            // one more record rolls the last full segment, so the cleaner can compact it too
            assertEquals(0, DrctlProcess.exec(List.of("bash", "-c", "echo roll-" + i + ":x | kcat -b " + PRIMARY
                    + " -P -t compacted -p 0 -K:"), 1).exitCode());
            offsets = kcatOffsets("compacted");
            if (offsets.size() <= 2 * KEYS + i + 1) {
                break;
            }
            Thread.sleep(2000);
        }
        assertTrue(offsets.size() <= 2 * KEYS + 91, "the log cleaner did not compact 'compacted': " + offsets.size()
                + " records left");
        return offsets;
    }

    /** Offsets of the records kcat reads on the primary's partition 0 of {@code topic}. */
    private static List<Long> kcatOffsets(String topic) {
        DrctlProcess.Result r = DrctlProcess.exec(List.of("bash", "-c", "kcat -b " + PRIMARY + " -C -t " + topic
                + " -p 0 -o beginning -e -q -f '%o\\n'"), 2);
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().lines().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
    }

    private static long committedOffset(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0)).offset();
        }
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put("bootstrap.servers", PRIMARY);
        return Admin.create(p);
    }
}
