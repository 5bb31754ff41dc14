package io.kafkadr.starter.drill;

import io.kafkadr.workflows.replication.ConnectorStatus;
import io.kafkadr.workflows.verify.Check;

/** A check as the drill report carries it: {@code name, value, threshold, passed} (+ detail). */
public record PhaseCheck(String name, long value, long threshold, boolean passed, String detail) {

    static PhaseCheck of(Check c) {
        return new PhaseCheck(c.name(), c.value(), c.threshold(), c.passed(), c.detail());
    }

    static PhaseCheck of(ConnectorStatus c) {
        return new PhaseCheck("connector:" + c.name(), c.tasksRunning(), c.tasksTotal(), c.healthy(),
                c.state() + (c.trace() == null ? "" : ": " + c.trace()));
    }
}
