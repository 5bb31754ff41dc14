package io.kafkadr.workflows.pair;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReplicationSettingsTest {

    private static final ReplicationSettings DEFAULTS = ReplicationSettings.defaults();

    @Test
    void absentMaxTasksCapsAtTheDefault() {
        assertEquals(6, DEFAULTS.tasksFor(6));
        assertEquals(ReplicationSettings.DEFAULT_MAX_TASKS, DEFAULTS.tasksFor(5000));
    }

    @Test
    void givenMaxTasksCaps() {
        assertEquals(2, DEFAULTS.withMaxTasks(2).tasksFor(6));
        assertEquals(6, DEFAULTS.withMaxTasks(64).tasksFor(6), "never more tasks than partitions");
    }

    @Test
    void zeroMaxTasksMeansOneTaskPerPartition() {
        assertEquals(5000, DEFAULTS.withMaxTasks(0).tasksFor(5000));
    }

    @Test
    void atLeastOneTask() {
        assertEquals(1, DEFAULTS.tasksFor(0));
        assertEquals(1, DEFAULTS.withMaxTasks(0).tasksFor(0));
    }
}
