package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A planned failover whose drain gives up because MM2 stopped copying: the producers must write
 * to the primary again at once, and the operator's abort must hand the consumer group that had
 * already moved back to the primary at the exact records it had consumed, losing and repeating
 * nothing. The group reaches the secondary without consuming there (it refuses to start, the
 * operator skips its health check), so the hand-back is found by content at the hand-over point.
 * Before the operator's valid decision, a mistyped action and a client that waits for nothing are
 * refused by drctl (exit 2, the validator's reason), and the run still waits for the valid one.
 */
class DrainAbortE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The local pair with short drain and health timeouts, so the test does not wait minutes. */
    private static final Path PAIR = DrctlProcess.ROOT.resolve(".local/drain-abort.yaml");
    private static final String SOURCE_CONNECTOR = "http://127.0.0.1:8083/connectors/mm2-local-primary-to-secondary-source";
    private static long fromSeq;
    private static PairOperations operations;

    @BeforeAll
    static void replicatingPairUnderTraffic() throws Exception {
        fromSeq = LocalPair.replicatingUnderTraffic();
        String local = Files.readString(DrctlProcess.ROOT.resolve(LocalPair.PAIR));
        String quick = local.replace("clientHealthTimeoutSeconds: 60", "clientHealthTimeoutSeconds: 15")
                .replace("drainTimeoutSeconds: 120", "drainTimeoutSeconds: 10");
        assertTrue(!quick.equals(local) && quick.contains("drainTimeoutSeconds: 10"), "pairs/local.yaml changed shape");
        Files.writeString(PAIR, quick);
        operations = new PairOperations();
    }

    @AfterAll
    static void down() {
        LocalPair.down(operations);
    }

    @Test
    void anAbortAfterADrainThatGaveUpPutsEveryClientBackOnThePrimaryWithoutLossOrDuplicates() throws Exception {
        Path refusal = DrctlProcess.ROOT.resolve(".local/ledgers/refuse-orders-app-secondary");
        Files.writeString(refusal, "e2e");
        Path out = Files.createTempFile("failover", ".json");
        Process failover = DrctlProcess.start(out.toFile(), new File("target/drain-abort-e2e.err"), "failover",
                "--pair", PAIR.toString(), "--mode", "planned", "--reason", "e2e drain abort", "--json");
        String id = operations.awaitInFlight(Duration.ofSeconds(60));

        operations.awaitProgress(id, p -> p.detail().contains("consumer orders-app is not healthy"),
                "the consumer's failed health check", Duration.ofMinutes(3));
        // MM2 stops copying while the operator looks; the producers' next records stay on the primary
        assertEquals(0, curl("PUT", SOURCE_CONNECTOR + "/pause").exitCode());
        Files.delete(refusal);
        // a typo or a client that waits for nothing is refused at once (exit 2), and the run still waits
        refused(id, "consumer orders-app", "tyop", "unknown action 'tyop': one of retry, skip, rollback, abort");
        refused(id, "consumer G", "skip", "unknown client 'consumer G'");
        decide(id, "consumer orders-app", "skip");

        operations.awaitProgress(id, p -> p.detail().contains("did not drain"), "the drain giving up",
                Duration.ofMinutes(2));
        StackProcesses.assertClientsOn("primary"); // the producer writes again; the consumer is not running
        decide(id, "producers", "abort");

        assertTrue(failover.waitFor(3, TimeUnit.MINUTES), "failover did not finish");
        assertEquals(1, failover.exitValue(), Files.readString(out));
        JsonNode report = JSON.readTree(out.toFile());
        assertEquals("aborted", report.path("outcome").asText());
        JsonNode handedBack = report.path("consumers").get(1);
        assertEquals("handed-back", handedBack.path("outcome").asText(), report.path("consumers").toString());
        assertEquals("primary", handedBack.path("to").asText());
        for (JsonNode o : handedBack.path("offsets")) {
            assertEquals("exact", o.path("derivation").asText(), o.toString());
        }
        StackProcesses.assertClientsOn("primary");
        JsonNode pair = JSON.readTree(DrctlProcess.run("status", "--pair", PAIR.toString(), "--json").stdout());
        assertEquals("primary", pair.path("state").path("active").asText(), pair.path("state").toString());

        assertEquals(0, curl("PUT", SOURCE_CONNECTOR + "/resume").exitCode());
        assertEquals(0, DrctlProcess.run("local", "stop", "producer").exitCode());
        JsonNode audit = Ledgers.awaitConsumerCaughtUp(fromSeq, Duration.ofSeconds(90));
        System.err.println("drain abort: ledgers " + audit + "; hand-back " + handedBack.path("offsets"));
        assertTrue(audit.path("acked").asLong() > 0);
        assertEquals(0, audit.path("lost").asLong(), audit.toString());
        assertEquals(0, audit.path("duplicates").asLong(), audit.toString());
    }

    private static void decide(String operation, String client, String action) {
        DrctlProcess.Result r = DrctlProcess.run("approve", operation, "--by", "e2e", "--client", client, "--action", action);
        assertEquals(0, r.exitCode(), r.toString());
    }

    private static void refused(String operation, String client, String action, String why) {
        long start = System.nanoTime();
        DrctlProcess.Result r = DrctlProcess.run("approve", operation, "--by", "e2e", "--client", client, "--action", action);
        System.err.println("drctl approve --action " + action + " refused in " + (System.nanoTime() - start) / 1_000_000
                + " ms: " + r.stderr().trim());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains(operation + " refused the decision: " + why), r.toString());
    }

    private static DrctlProcess.Result curl(String method, String url) {
        return DrctlProcess.exec(List.of("curl", "-sf", "-X", method, url), 1);
    }
}
