package io.kafkadr.workflows.drpair;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which failed MM2 connectors and tasks the watch restarts now ({@link Watch#restartsDue}). */
class WatchRestartsTest {

    private static final long INTERVAL = 5_000;
    private static final long NOW = 10_000_000;
    private static final FailedTask TASK_0 = new FailedTask("src", 0, "RecordTooLargeException");
    private static final FailedTask TASK_1 = new FailedTask("src", 1, "RecordTooLargeException");
    private static final FailedTask CONNECTOR = new FailedTask("src", FailedTask.CONNECTOR, "ConnectException");

    private static TaskRestart restart(FailedTask t, long at) {
        return new TaskRestart(t.connector(), t.task(), t.trace(), at);
    }

    @Test
    void aTaskNeverRestartedIsRestartedAtOnce() {
        assertEquals(List.of(TASK_0, TASK_1), Watch.restartsDue(List.of(TASK_0, TASK_1), List.of(), NOW, INTERVAL));
    }

    @Test
    void aTaskFailingAgainAfterOneRestartWaitsOneInterval() {
        List<TaskRestart> past = List.of(restart(TASK_0, NOW - INTERVAL + 1));
        assertEquals(List.of(TASK_1), Watch.restartsDue(List.of(TASK_0, TASK_1), past, NOW, INTERVAL));
        assertEquals(List.of(TASK_0), Watch.restartsDue(List.of(TASK_0), List.of(restart(TASK_0, NOW - INTERVAL)), NOW,
                INTERVAL));
    }

    @Test
    void eachRecentRestartDoublesTheWaitUpToFiveMinutes() {
        List<TaskRestart> three = List.of(restart(TASK_0, NOW - 60_000), restart(TASK_0, NOW - 40_000),
                restart(TASK_0, NOW - 19_999));
        assertEquals(List.of(), Watch.restartsDue(List.of(TASK_0), three, NOW, INTERVAL), "3 restarts: wait 4 intervals");
        assertEquals(List.of(TASK_0), Watch.restartsDue(List.of(TASK_0), three, NOW + 1, INTERVAL));

        List<TaskRestart> many = new java.util.ArrayList<>();
        for (int i = 0; i < 15; i++) {
            many.add(restart(TASK_0, NOW - 20 * 60_000 + i * 1000));
        }
        many.add(restart(TASK_0, NOW - Watch.MAX_RESTART_BACKOFF_MILLIS));
        assertEquals(List.of(TASK_0), Watch.restartsDue(List.of(TASK_0), many, NOW, INTERVAL), "capped at 5 minutes");
    }

    @Test
    void restartsLongAgoDoNotDelayTheNext() {
        List<TaskRestart> old = List.of(restart(TASK_0, NOW - Watch.RESTART_MEMORY_MILLIS),
                restart(TASK_0, NOW - Watch.RESTART_MEMORY_MILLIS - 1));
        assertEquals(List.of(TASK_0), Watch.restartsDue(List.of(TASK_0), old, NOW, INTERVAL));
    }

    @Test
    void aFailedConnectorIsRestartedWithItsTasksNotBesideThem() {
        FailedTask other = new FailedTask("other", 0, null);
        assertEquals(List.of(CONNECTOR, other),
                Watch.restartsDue(List.of(TASK_0, CONNECTOR, TASK_1, other), List.of(), NOW, INTERVAL));
    }
}
