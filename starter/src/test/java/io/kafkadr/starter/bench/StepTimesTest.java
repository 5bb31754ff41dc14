package io.kafkadr.starter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkadr.workflows.failover.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepTimesTest {

    @Test
    void stepsAreGroupedByKindWithoutTheClientName() {
        List<StepTimes> t = StepTimes.of(List.of(
                new Step("pre-checks", 0, 3_000, ""),
                new Step("hand over consumer g0", 3_000, 8_000, ""),
                new Step("hand over consumer g1", 8_000, 14_000, ""),
                new Step("start consumer g1", 14_000, 14_200, ""),
                new Step("delete connectors", 14_200, 20_000, "")));
        assertEquals(List.of(new StepTimes("pre-checks", 1, 3_000, 3_000),
                new StepTimes("hand over consumer", 2, 11_000, 6_000),
                new StepTimes("start consumer", 1, 200, 200),
                new StepTimes("delete connectors", 1, 5_800, 5_800)), t);
    }

    @Test
    void namesWithoutAClientAreTheirOwnKind() {
        assertEquals("drain replication", StepTimes.kind("drain replication"));
        assertEquals("stop producer", StepTimes.kind("stop producer p1"));
    }
}
