package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.kafkadr.workflows.operation.GroupWaves;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A planned failover of the local pair under live traffic, with a second failover racing it for
 * the pair's lock (also after the pair entity was terminated mid-failover), a group move started
 * by hand, and the worker killed with kill -9 during the consumer move, the producer move and the
 * connector deletion. The ledgers must show no loss and no duplicate.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAIR = LocalPair.PAIR;

    private static Process first;
    private static String firstId;
    private static Path firstOut;
    private static long fromSeq;
    private static long failbackSeq;
    private static PairOperations operations;

    @BeforeAll
    static void replicatingPairUnderTraffic() throws IOException {
        fromSeq = LocalPair.replicatingUnderTraffic();
        operations = new PairOperations();
    }

    @AfterAll
    static void down() {
        if (first != null && first.isAlive()) {
            first.destroyForcibly();
        }
        if (operations != null) {
            operations.close();
        }
        assertEquals(0, DrctlProcess.run("local", "down").exitCode());
    }

    /**
     * Under traffic, how far MM2 has copied (what the drain, the hand-over, verification and the
     * loss figures decide by) is read off the copies on the secondary: never behind the newest copy
     * read there just before, whatever Connect has committed. The local stack's Connect flushes its
     * offsets at its default interval (60 s): its committed source offsets trail the copies by up to
     * a minute of traffic.
     */
    @Test
    @Order(0)
    void howFarMm2HasCopiedIsReadOffTheCopiesNotOffConnectsFlushedOffsets() throws Exception {
        PairConfig pair = PairConfigParser.parseFile(DrctlProcess.ROOT.resolve(PAIR));
        Direction direction = new Direction("primary", "secondary");
        try (CopiedSoFar copied = new CopiedSoFar(pair)) {
            for (int round = 0; round < 3; round++) {
                Map<Integer, Long> onSecondary = CopiedSoFar.lastUpstream("127.0.0.1:29092", "orders");
                Map<Integer, Long> said = copied.replicated(direction, "orders");
                System.err.printf("round %d: newest copies on the secondary %s, replicatedOffsets %s%n", round,
                        onSecondary, said);
                onSecondary.forEach((partition, upstream) -> assertTrue(said.getOrDefault(partition, -1L) >= upstream,
                        "orders-" + partition + ": the secondary holds a copy of upstream offset " + upstream
                                + " but replicatedOffsets says " + said.get(partition)));
                Thread.sleep(2_000);
            }
        }
    }

    @Test
    @Order(1)
    void aSecondFailoverIsRejectedNamingTheOneThatHoldsThePair() throws Exception {
        firstOut = Files.createTempFile("failover", ".json");
        first = DrctlProcess.start(firstOut.toFile(), new File("target/failover-e2e.err"), "failover", "--pair", PAIR,
                "--mode", "planned", "--require-approval", "--reason", "e2e crash test", "--json");
        firstId = operations.awaitInFlight(Duration.ofSeconds(60));
        awaitStep(Set.of("await approval"), Duration.ofSeconds(60));

        DrctlProcess.Result second = DrctlProcess.run("failover", "--pair", PAIR, "--mode", "planned");

        assertEquals(1, second.exitCode(), second.toString());
        assertTrue(second.stderr().contains("is busy") && second.stderr().contains(firstId), second.stderr());
    }

    @Test
    @Order(2)
    void theEntityTerminatedMidFailoverComesBackHeldByIt() throws Exception {
        DrctlProcess.Result terminated = DrctlProcess.exec(List.of("temporal", "workflow", "terminate", "--address",
                "127.0.0.1:7233", "--workflow-id", "dr-pair/local", "--reason", "e2e: the pair entity lost mid-failover"), 1);
        assertEquals(0, terminated.exitCode(), terminated.toString());

        DrctlProcess.Result second = DrctlProcess.run("failover", "--pair", PAIR, "--mode", "planned");

        assertEquals(1, second.exitCode(), "a second failover ran beside the first: " + second);
        assertTrue(second.stderr().contains("is busy") && second.stderr().contains(firstId), second.stderr());
        assertEquals(firstId, operations.awaitInFlight(Duration.ofSeconds(10)));
    }

    @Test
    @Order(3)
    void aGroupMoveStartedByHandIsRefusedWithoutRunningItsBinding() throws Exception {
        Path ran = Files.createTempFile("hand-move", ".ran");
        Files.delete(ran);
        String moveId = "e2e-hand-move-" + System.currentTimeMillis();
        DrctlProcess.Result started = DrctlProcess.exec(List.of("temporal", "workflow", "start", "--address",
                "127.0.0.1:7233", "--task-queue", "kafka-dr", "--type", "GroupMoveWorkflow", "--workflow-id", moveId,
                "--input", PairOperations.handMove(PAIR, List.of("touch", ran.toString()))), 1);
        assertEquals(0, started.exitCode(), started.toString());

        Optional<String> failure = operations.awaitFailure(moveId, Duration.ofSeconds(60));

        assertTrue(Files.notExists(ran), "the hand-started move ran its binding's command (and "
                + failure.map(f -> "failed: " + f).orElse("still ran after 60 s") + ")");
        assertTrue(failure.isPresent() && failure.get().contains("refused") && failure.get().contains("lock"),
                "a group move started by hand was not refused for want of the lock: " + failure);
    }

    @Test
    @Order(4)
    void workerKilledThreeTimesTheFailoverCompletesWithoutLossOrDuplicates() throws Exception {
        assertEquals(0, DrctlProcess.run("approve", firstId, "--by", "e2e", "--reason", "crash test").exitCode());

        List<String> killedAt = new ArrayList<>();
        killedAt.add(killWorkerDuringGroupMove(Set.of("stop consumer orders-app", "hand over consumer orders-app")));
        killedAt.add(killWorkerDuring(Set.of("stop producers", "drain replication", "start producer p1")));
        killedAt.add(killWorkerDuring(Set.of("delete connectors")));
        System.err.println("worker killed with kill -9 during: " + killedAt);

        assertTrue(first.waitFor(5, TimeUnit.MINUTES), "failover did not finish");
        assertEquals(0, first.exitValue(), Files.readString(firstOut));
        JsonNode report = JSON.readTree(firstOut.toFile());
        assertEquals("completed", report.path("outcome").asText());
        for (JsonNode o : report.path("consumers").get(0).path("offsets")) {
            assertEquals("exact", o.path("derivation").asText(), o.toString());
        }
        JsonNode pair = JSON.readTree(DrctlProcess.run("status", "--pair", PAIR, "--json").stdout());
        assertEquals("secondary", pair.path("state").path("active").asText(), "the failover's switch was not recorded: " + pair);

        StackProcesses.assertClientsOn("secondary");
        assertEquals(0, DrctlProcess.run("local", "stop", "producer").exitCode());
        JsonNode audit = awaitConsumerCaughtUp(Duration.ofSeconds(90));
        System.err.println("ledgers after the crash test: " + audit);
        assertTrue(audit.path("acked").asLong() > 0);
        assertEquals(0, audit.path("lost").asLong(), audit.toString());
        assertEquals(0, audit.path("duplicates").asLong(), audit.toString());
    }

    @Test
    @Order(5)
    void aFailbackAbortedAtAConsumerThatFailsOnThePrimaryStandsDown() throws Exception {
        failbackSeq = audit().path("nextSeq").asLong();
        Path refusal = DrctlProcess.ROOT.resolve(".local/ledgers/refuse-orders-app-primary");
        Files.writeString(refusal, "e2e");
        assertEquals(0, DrctlProcess.run("local", "start", "traffic", "--rate", "50", "--cluster", "secondary").exitCode());
        Path out = Files.createTempFile("failback", ".json");
        Process failback = DrctlProcess.start(out.toFile(), new File("target/failback-e2e.err"), "failback", "--pair", PAIR,
                "--reason", "e2e abort", "--json");
        firstId = operations.awaitInFlight(Duration.ofSeconds(60));

        String killedAt = killWorkerDuring(Set.of("converge"));
        awaitStep(Set.of("waiting for operator"), Duration.ofMinutes(5));
        operations.awaitListed("DrPair = 'local' AND DrOperation = 'failback' AND DrPhase = 'waiting for operator'", firstId);
        Files.delete(refusal);
        assertEquals(0, DrctlProcess.run("approve", firstId, "--by", "e2e", "--client", "consumer orders-app",
                "--action", "abort").exitCode());
        System.err.println("aborted failback: worker killed during " + killedAt);

        assertTrue(failback.waitFor(5, TimeUnit.MINUTES), "failback did not finish");
        assertEquals(1, failback.exitValue(), Files.readString(out));
        JsonNode report = JSON.readTree(out.toFile());
        assertEquals("aborted", report.path("outcome").asText());
        assertTrue(report.path("notes").toString().contains("reverse replication removed"), report.path("notes").toString());
        DrctlProcess.Result reverse = DrctlProcess.exec(List.of("curl", "-sf", "http://127.0.0.1:8084/connectors"), 1);
        assertEquals("[]", reverse.stdout().trim(), "reverse connectors left behind: " + reverse);
        StackProcesses.assertClientsOn("secondary");
        JsonNode pair = JSON.readTree(DrctlProcess.run("status", "--pair", PAIR, "--json").stdout());
        assertEquals("secondary", pair.path("state").path("active").asText(), pair.toString());
        JsonNode replication = pair.path("state").path("replication");
        assertTrue(replication.isMissingNode() || replication.isNull(), "replication left: " + replication);
    }

    @Test
    @Order(6)
    void theNextFailbackSalvagesNothingSurvivesAWorkerCrashAndLosesNothing() throws Exception {
        Path out = Files.createTempFile("failback", ".json");
        Process failback = DrctlProcess.start(out.toFile(), new File("target/failback-e2e.err"), "failback", "--pair", PAIR,
                "--reason", "e2e crash test", "--json");
        firstId = operations.awaitInFlight(Duration.ofSeconds(60));
        String killedAt = killWorkerDuringGroupMove(Set.of("stop consumer orders-app", "hand over consumer orders-app"));
        System.err.println("failback: worker killed during " + killedAt);

        assertTrue(failback.waitFor(8, TimeUnit.MINUTES), "failback did not finish");
        assertEquals(0, failback.exitValue(), Files.readString(out));
        JsonNode report = JSON.readTree(out.toFile());
        assertEquals("completed", report.path("outcome").asText());
        assertEquals(0, report.path("recordsSalvaged").asLong(), "the aborted failback's copies were salvaged: " + report);
        StackProcesses.assertClientsOn("primary");
        assertEquals(0, DrctlProcess.run("local", "stop", "producer").exitCode());
        fromSeq = failbackSeq;
        JsonNode audit = awaitConsumerCaughtUp(Duration.ofSeconds(90));
        System.err.println("ledgers after the aborted and the completed failback: " + audit);
        assertEquals(0, audit.path("lost").asLong(), audit.toString());
        assertEquals(0, audit.path("duplicates").asLong(), audit.toString());
    }

    private static String killWorkerDuring(Set<String> steps) throws IOException {
        String step = awaitStep(steps, Duration.ofMinutes(3));
        StackProcesses.kill9("worker");
        assertEquals(0, DrctlProcess.run("local", "start", "worker").exitCode());
        return step;
    }

    /**
     * Kills the worker while the group's move (the operation's child workflow
     * {@code <operation>/group/orders-app}) is in one of {@code steps}, then starts a new one.
     */
    private static String killWorkerDuringGroupMove(Set<String> steps) throws IOException {
        String step = operations.awaitProgress(GroupWaves.childId(firstId, "orders-app"), p -> steps.contains(p.step()),
                steps.toString(), Duration.ofMinutes(3)).step();
        StackProcesses.kill9("worker");
        assertEquals(0, DrctlProcess.run("local", "start", "worker").exitCode());
        return step;
    }

    /** Polls the operation's progress until it is in one of {@code steps}; returns that step. */
    private static String awaitStep(Set<String> steps, Duration timeout) {
        return operations.awaitProgress(firstId, p -> steps.contains(p.step()), steps.toString(), timeout).step();
    }

    private static JsonNode awaitConsumerCaughtUp(Duration timeout) throws Exception {
        return Ledgers.awaitConsumerCaughtUp(fromSeq, timeout);
    }

    private static JsonNode audit() throws IOException {
        return Ledgers.audit(fromSeq);
    }
}
