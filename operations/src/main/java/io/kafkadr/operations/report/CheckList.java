package io.kafkadr.operations.report;

import io.kafkadr.workflows.verify.Check;
import java.util.List;

/** Verification checks an operation ran (pre-checks, convergence, restored replication). */
public record CheckList(String title, List<Check> checks) {

    public long failed() {
        return checks.stream().filter(c -> !c.passed()).count();
    }
}
