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
 * value and, within a run, the same millisecond), and a kcat consumer group reads part of them on
 * the primary. The planned failover must resume the group on the secondary at exactly the next
 * record: from kcat's own output on the secondary, the first record it reads there is the copy of
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

    @BeforeAll
    static void stack() throws Exception {
        assertEquals(0, DrctlProcess.run("local", "reset").exitCode());
        assertEquals(0, DrctlProcess.run("local", "up").exitCode());
        assertEquals(0, DrctlProcess.run("local", "start", "worker").exitCode());
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("bursts", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void down() {
        DrctlProcess.exec(List.of("bash", "-c", "pkill -f '[k]cat .*-G bursts-reader'; true"), 1);
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

        DrctlProcess.Result failover = DrctlProcess.run("failover", "--pair", PAIR, "--mode", "planned", "--json");
        assertEquals(0, failover.exitCode(), failover.toString());
        JsonNode handOver = JSON.readTree(failover.stdout()).path("consumers").get(0).path("offsets").get(0);

        // kcat's own output on the secondary: the upstream offset of every record it read there
        List<Long> upstream = awaitRead(RUNS * RUN_LENGTH - committed);
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
    }

    /** Upstream offsets (dr.src.offset) of what kcat printed on the secondary, once it has read {@code n} records. */
    private static List<Long> awaitRead(long n) throws Exception {
        Pattern origin = Pattern.compile("dr\\.src\\.offset=(\\d+)");
        List<Long> upstream = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            upstream.clear();
            if (Files.exists(ON_SECONDARY)) {
                for (String line : Files.readAllLines(ON_SECONDARY)) {
                    Matcher m = origin.matcher(line);
                    if (m.find()) {
                        upstream.add(Long.parseLong(m.group(1)));
                    }
                }
            }
            if (upstream.size() >= n) {
                Thread.sleep(2000); // anything read twice would show now
                return readAgain(origin);
            }
            Thread.sleep(1000);
        }
        return upstream;
    }

    private static List<Long> readAgain(Pattern origin) throws IOException {
        List<Long> upstream = new ArrayList<>();
        for (String line : Files.readAllLines(ON_SECONDARY)) {
            Matcher m = origin.matcher(line);
            if (m.find()) {
                upstream.add(Long.parseLong(m.group(1)));
            }
        }
        return upstream;
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put("bootstrap.servers", PRIMARY);
        return Admin.create(p);
    }
}
