package io.kafkadr.activities.clients;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static io.kafkadr.activities.TestAsserts.assertNotContains;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process binding running real (fast) commands, argument lists without a shell, in a
 * temporary work directory. Every command ends well within a second: ProcessBinding only
 * heartbeats, which needs an activity context, while a command runs longer.
 */
class ProcessBindingTest {

    /** This binding reads nothing of the pair. */
    private static final PairConfig NO_PAIR = null;

    private static final ClusterConfig SECONDARY = new ClusterConfig("secondary", "127.0.0.1:29092,127.0.0.1:29093",
            "region-secondary", "http://127.0.0.1:8083", null);

    @TempDir
    Path workDir;

    private ProcessBinding binding() {
        return new ProcessBinding(workDir);
    }

    private static ClientRef producer(Map<String, List<String>> commands) {
        return new ClientRef(ClientRef.PRODUCER, "orders-producer", new ClientBinding("process", Map.of(), commands));
    }

    private static ClientRef starting(String... command) {
        return producer(Map.of("start", List.of(command), "stop", List.of("true")));
    }

    private static ApplicationFailure fails(Executable call) {
        return assertThrows(ApplicationFailure.class, call);
    }

    private String read(String file) throws Exception {
        return Files.readString(workDir.resolve(file)).strip();
    }

    @Test
    void startRunsTheCommandWithTheTargetClusterFilledIn() throws Exception {
        binding().start(NO_PAIR, starting("sh", "-c", "echo \"$1 $2\" > out.txt", "-", "{cluster}", "{bootstrap}"), SECONDARY);

        assertEquals("secondary 127.0.0.1:29092,127.0.0.1:29093", read("out.txt"));
    }

    @Test
    void everyPlaceholderIsReplacedInsideItsArgument() throws Exception {
        binding().start(NO_PAIR, starting("touch", "{cluster}-{cluster}.txt"), SECONDARY);

        assertTrue(Files.exists(workDir.resolve("secondary-secondary.txt")));
    }

    /** A value with shell syntax stays one argument: no shell ever reads it. */
    @Test
    void aSubstitutedValueIsNeverShellSyntax() throws Exception {
        ClusterConfig hostile = new ClusterConfig("x; touch owned", "$(touch owned2) `touch owned3`", null, null, null);

        binding().start(NO_PAIR, starting("touch", "{cluster}", "{bootstrap}"), hostile);

        assertTrue(Files.exists(workDir.resolve("x; touch owned")));
        assertTrue(Files.exists(workDir.resolve("$(touch owned2) `touch owned3`")));
        assertFalse(Files.exists(workDir.resolve("owned")) || Files.exists(workDir.resolve("owned2"))
                || Files.exists(workDir.resolve("owned3")), "a substituted value ran as a command");
    }

    @Test
    void stopRunsTheStopCommandInTheWorkDirectory() throws Exception {
        binding().stop(NO_PAIR, producer(Map.of("start", List.of("false"), "stop", List.of("sh", "-c", "pwd > stopped.txt"))));

        assertEquals(workDir.toRealPath().toString(), read("stopped.txt"));
    }

    @Test
    void unknownProgramIsANonRetryableBadInput() {
        ApplicationFailure failure = fails(() -> binding().start(NO_PAIR, starting("kafka-dr-no-such-command", "{cluster}"), SECONDARY));

        assertAll(
                () -> assertEquals(ActivityFailures.BAD_INPUT, failure.getType()),
                () -> assertTrue(failure.isNonRetryable()),
                () -> assertContains(failure.getOriginalMessage(), "producer orders-producer"),
                () -> assertContains(failure.getOriginalMessage(), "kafka-dr-no-such-command"),
                () -> assertContains(failure.getOriginalMessage(), "without a shell"),
                () -> assertContains(failure.getOriginalMessage(), "commands.start"));
    }

    @Test
    void failingCommandIsRetryableWithTheTailOfItsOutput() {
        String script = "for i in $(seq 1 7); do echo line-$i; done; echo oops >&2; exit 3";

        ApplicationFailure failure = fails(() -> binding().start(NO_PAIR, starting("sh", "-c", script), SECONDARY));

        assertEquals(ActivityFailures.NOT_READY, failure.getType());
        assertFalse(failure.isNonRetryable());
        String message = failure.getOriginalMessage();
        assertContains(message, "failed (exit 3): line-4 | line-5 | line-6 | line-7 | oops");
        assertNotContains(message, "line-3");
    }

    @Test
    void missingStartCommandIsABadInputNamingIt() {
        ApplicationFailure failure = fails(() -> binding().start(NO_PAIR, producer(Map.of("stop", List.of("true"))), SECONDARY));

        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertTrue(failure.isNonRetryable());
        assertContains(failure.getOriginalMessage(), "commands.start");
    }

    @Test
    void blankStopProgramIsABadInputNamingIt() {
        ApplicationFailure failure = fails(() -> binding().stop(NO_PAIR, producer(Map.of("start", List.of("true"), "stop",
                List.of(" ")))));

        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertContains(failure.getOriginalMessage(), "commands.stop");
    }
}
