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
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process binding running real (fast) shell commands in a temporary work directory. Every
 * command ends well within a second: ProcessBinding only heartbeats, which needs an activity
 * context, while a command runs longer.
 */
class ProcessBindingTest {

    private static final ClusterConfig SECONDARY = new ClusterConfig("secondary", "127.0.0.1:29092,127.0.0.1:29093",
            "region-secondary", "http://127.0.0.1:8083", null);

    @TempDir
    Path workDir;

    private ProcessBinding binding() {
        return new ProcessBinding(workDir);
    }

    private static ClientRef producer(Map<String, String> settings) {
        return new ClientRef(ClientRef.PRODUCER, "orders-producer", new ClientBinding("process", settings));
    }

    private static ClientRef starting(String command) {
        return producer(Map.of("start", command, "stop", "true"));
    }

    private static ApplicationFailure fails(Executable call) {
        return assertThrows(ApplicationFailure.class, call);
    }

    private String read(String file) throws Exception {
        return Files.readString(workDir.resolve(file)).strip();
    }

    @Test
    void startRunsTheCommandWithTheTargetClusterFilledIn() throws Exception {
        binding().start(starting("echo {cluster} {bootstrap} > out.txt"), SECONDARY);

        assertEquals("secondary 127.0.0.1:29092,127.0.0.1:29093", read("out.txt"));
    }

    @Test
    void everyPlaceholderIsReplaced() throws Exception {
        binding().start(starting("echo {cluster}/{cluster} > out.txt"), SECONDARY);

        assertEquals("secondary/secondary", read("out.txt"));
    }

    @Test
    void stopRunsTheStopCommandInTheWorkDirectory() throws Exception {
        binding().stop(producer(Map.of("start", "false", "stop", "pwd > stopped.txt")));

        assertEquals(workDir.toRealPath().toString(), read("stopped.txt"));
    }

    @Test
    void unknownCommandIsANonRetryableBadInput() {
        ApplicationFailure failure = fails(() -> binding().start(starting("kafka-dr-no-such-command {cluster}"), SECONDARY));

        assertAll(
                () -> assertEquals(ActivityFailures.BAD_INPUT, failure.getType()),
                () -> assertTrue(failure.isNonRetryable()),
                () -> assertContains(failure.getOriginalMessage(), "producer orders-producer"),
                () -> assertContains(failure.getOriginalMessage(), "exit 127"),
                () -> assertContains(failure.getOriginalMessage(), "kafka-dr-no-such-command"),
                () -> assertContains(failure.getOriginalMessage(), "settings.start"));
    }

    @Test
    void failingCommandIsRetryableWithTheTailOfItsOutput() {
        String command = "for i in $(seq 1 7); do echo line-$i; done; echo oops >&2; exit 3";

        ApplicationFailure failure = fails(() -> binding().start(starting(command), SECONDARY));

        assertEquals(ActivityFailures.NOT_READY, failure.getType());
        assertFalse(failure.isNonRetryable());
        String message = failure.getOriginalMessage();
        assertContains(message, "failed (exit 3): line-4 | line-5 | line-6 | line-7 | oops");
        assertNotContains(message, "line-3");
    }

    @Test
    void missingStartSettingIsABadInputNamingIt() {
        ApplicationFailure failure = fails(() -> binding().start(producer(Map.of("stop", "true")), SECONDARY));

        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertTrue(failure.isNonRetryable());
        assertContains(failure.getOriginalMessage(), "settings.start");
    }

    @Test
    void blankStopSettingIsABadInputNamingIt() {
        ApplicationFailure failure = fails(() -> binding().stop(producer(Map.of("start", "true", "stop", " "))));

        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertContains(failure.getOriginalMessage(), "settings.stop");
    }
}
