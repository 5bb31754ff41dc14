package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.workflows.common.WorkflowInputConverter;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import io.kafkadr.workflows.pair.ProducerConfig;
import io.kafkadr.workflows.pair.SecurityConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trust boundary on the real stack, as someone with only Temporal access would try it
 * ({@code temporal workflow start}): a workflow input that brings a command, a secret reference or
 * an endpoint of its own is refused, naming the field and how to register the pair, and nothing
 * runs; a {@code GroupMoveWorkflow} started by hand is refused and its command never runs; a pair
 * the worker does not serve is refused until an operator registers it ({@code drctl pair register}).
 */
class TrustBoundaryE2ETest {

    private static final PairConfig LOCAL = PairConfigParser.parseFile(DrctlProcess.ROOT.resolve(LocalPair.PAIR));
    private static PairOperations operations;

    @BeforeAll
    static void stackWithWorker() {
        LocalPair.freshStackWithWorker();
        operations = new PairOperations();
    }

    @AfterAll
    static void down() {
        LocalPair.down(operations);
    }

    @Test
    void anInlineCommandIsRefusedAndNeverRuns() throws Exception {
        Path ran = absentFile("inline-command");
        String failure = refusedFailover("inline-command", pair -> pair.withClients(pair.consumerGroups(),
                List.of(new ProducerConfig("p1", ClientBinding.process(List.of("touch", ran.toString()),
                        List.of("touch", ran.toString()))))));

        assertTrue(failure.contains("producer p1 binding.commands.stop: [touch, " + ran + "] instead of the registered "
                + "[env, DRCTL_NO_BUILD=1, ./drctl, local, stop, producer, --name, p1]"), failure);
        Thread.sleep(2_000);
        assertTrue(Files.notExists(ran), "the inline command ran on the worker");
    }

    @Test
    void anInlineSecretReferenceIsRefused() {
        String failure = refusedFailover("inline-secret", pair -> withPrimary(pair, new ClusterConfig("primary",
                pair.primaryCluster().bootstrapServers(), pair.primaryCluster().region(), pair.primaryCluster().connectUrl(),
                new SecurityConfig("SASL_PLAINTEXT", "SCRAM-SHA-512", "file:/etc/passwd", "file:/etc/passwd.properties", null, null))));

        assertTrue(failure.contains("clusters[primary].security.secretRef: 'file:/etc/passwd' instead of the registered "
                + "(none)"), failure);
    }

    @Test
    void anInlineEndpointIsRefused() {
        String failure = refusedFailover("inline-endpoint", pair -> withPrimary(pair, new ClusterConfig("primary",
                "broker.example.com:9092", pair.primaryCluster().region(), pair.primaryCluster().connectUrl(), null)));

        assertTrue(failure.contains("clusters[primary].bootstrapServers: 'broker.example.com:9092' instead of the "
                + "registered '" + LOCAL.primaryCluster().bootstrapServers() + "'"), failure);
    }

    @Test
    void aGroupMoveStartedByHandIsRefusedAndItsCommandNeverRuns() throws Exception {
        Path ran = absentFile("hand-move");
        String id = "e2e-trust-hand-move-" + System.currentTimeMillis();
        start("GroupMoveWorkflow", id, PairOperations.handMove(LocalPair.PAIR, List.of("touch", ran.toString())));

        Optional<String> failure = operations.awaitFailure(id, Duration.ofSeconds(60));

        assertTrue(failure.isPresent() && failure.get().contains("group move '" + id + "' refused: a group's move runs "
                + "only as part of the failover or failback that holds the lock of pair 'local'"), "not refused: " + failure);
        assertTrue(Files.notExists(ran), "the hand-started move ran its command");
    }

    /**
     * A pair's entity started by hand with endpoints of its own (what a signal {@code
     * replicationDeployed} could bring too): its watch would connect there, with the pair's
     * credentials. The worker's activities refuse the pair, so nothing ever connects.
     */
    @Test
    void anEntityStartedByHandNeverReachesItsEndpoints() throws Exception {
        try (ServerSocket collector = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String endpoint = "127.0.0.1:" + collector.getLocalPort();
            PairConfig elsewhere = withPrimary(LOCAL, new ClusterConfig("primary", endpoint, null, "http://" + endpoint,
                    null));
            Map<String, Object> state = Map.of("pair", "local", "active", "primary",
                    "replication", Map.of("source", "primary", "target", "secondary"), "config", elsewhere);
            String id = "dr-pair/e2e-trust-" + System.currentTimeMillis();
            start("DrPairWorkflow", id, WorkflowInputConverter.standard().toPayload(state).orElseThrow().getData()
                    .toString(StandardCharsets.UTF_8));
            collector.setSoTimeout(20_000);
            try (Socket reached = collector.accept()) {
                throw new AssertionError("the hand-started entity's watch connected to " + endpoint + " from "
                        + reached.getRemoteSocketAddress());
            } catch (SocketTimeoutException expected) {
                // nothing connected within 20 s of watching every second
            } finally {
                DrctlProcess.exec(List.of("temporal", "workflow", "terminate", "--address", "127.0.0.1:7233",
                        "--workflow-id", id, "--reason", "e2e"), 1);
            }
        }
    }

    @Test
    void aPairTheWorkerDoesNotServeIsRefusedUntilRegistered() throws Exception {
        Path file = DrctlProcess.ROOT.resolve("e2e/target/trust-pair.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Files.readString(DrctlProcess.ROOT.resolve(LocalPair.PAIR))
                .replace("name: local", "name: trust").replace("verifyTimeoutSeconds: 120", "verifyTimeoutSeconds: 3"));

        DrctlProcess.Result refused = DrctlProcess.run("verify", "--pair", file.toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.stderr().contains("pair 'trust' is not served by this worker")
                && refused.stderr().contains("drctl pair register <file>"), refused.stderr());

        String byFile = "e2e-trust-pair-file-" + System.currentTimeMillis();
        start("VerifyReplicationWorkflow", byFile, "{\"pairFile\": \"e2e/target/trust-pair.yaml\"}");
        Optional<String> outside = operations.awaitFailure(byFile, Duration.ofSeconds(30));
        assertTrue(outside.isPresent() && outside.get().contains("pairFile 'e2e/target/trust-pair.yaml' is not in this "
                + "worker's pairs folders") && outside.get().contains("drctl pair register e2e/target/trust-pair.yaml"),
                "not refused: " + outside);

        DrctlProcess.Result registered = DrctlProcess.run("pair", "register", file.toString());
        assertEquals(0, registered.exitCode(), registered.toString());
        assertTrue(registered.stdout().contains(".local/pairs/trust.yaml"), registered.stdout());

        // served now: by name from the Temporal CLI, and inline from drctl; both verify (and fail: nothing replicates)
        String byName = "e2e-trust-by-name-" + System.currentTimeMillis();
        start("VerifyReplicationWorkflow", byName, "{\"pair\": \"trust\"}");
        JsonNode report = operations.awaitResult(byName, Duration.ofSeconds(60));
        assertEquals("trust", report.path("pair").asText(), report.toString());
        DrctlProcess.Result verify = DrctlProcess.run("verify", "--pair", file.toString());
        assertEquals(1, verify.exitCode(), verify.toString());
    }

    private static Path absentFile(String name) throws Exception {
        Path file = Files.createTempFile("kafkadr-" + name, ".ran");
        Files.delete(file);
        return file;
    }

    private static PairConfig withPrimary(PairConfig pair, ClusterConfig primary) {
        return new PairConfig(pair.name(), pair.primary(), pair.secondary(), List.of(primary, pair.secondaryCluster()),
                pair.topics(), pair.consumerGroups(), pair.producers(), pair.replication(), pair.thresholds(),
                pair.failoverRequiresApproval(), pair.failover(), pair.objectives(), pair.drill());
    }

    /** Starts a planned failover of the local pair changed by {@code change}; returns its failure's messages. */
    private static String refusedFailover(String name, UnaryOperator<PairConfig> change) {
        String id = "e2e-trust-" + name + "-" + System.currentTimeMillis();
        FailoverRequest request = new FailoverRequest(change.apply(LOCAL), null, FailoverRequest.PLANNED, "e2e", null,
                null, false);
        start("FailoverWorkflow", id, WorkflowInputConverter.standard().toPayload(request).orElseThrow().getData()
                .toString(StandardCharsets.UTF_8));
        String failure = operations.awaitFailure(id, Duration.ofSeconds(60)).orElseThrow(() -> new AssertionError(
                id + " still ran after 60 s"));
        assertTrue(failure.contains("brings what the pair this worker serves under that name does not")
                && failure.contains("drctl pair register <file>"), failure);
        return failure;
    }

    private static void start(String type, String id, String input) {
        DrctlProcess.Result started = DrctlProcess.exec(List.of("temporal", "workflow", "start", "--address",
                "127.0.0.1:7233", "--task-queue", "kafka-dr", "--type", type, "--workflow-id", id, "--input", input), 1);
        assertEquals(0, started.exitCode(), started.toString());
    }
}
