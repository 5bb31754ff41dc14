package io.kafkadr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkadr.workflows.operation.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void stepsAreGroupedByKindWithoutTheClientName() {
        List<Timing> t = Timing.steps(List.of(
                new Step("pre-checks", 0, 3_000, ""),
                new Step("hand over consumer g0", 3_000, 8_000, ""),
                new Step("hand over consumer g1", 8_000, 14_000, ""),
                new Step("start consumer g1", 14_000, 14_200, ""),
                new Step("delete connectors", 14_200, 20_000, "")));
        assertEquals(List.of(new Timing("pre-checks", 1, 3_000, 3_000),
                new Timing("hand over consumer", 2, 11_000, 6_000),
                new Timing("start consumer", 1, 200, 200),
                new Timing("delete connectors", 1, 5_800, 5_800)), t);
    }

    @Test
    void namesWithoutAClientAreTheirOwnKind() {
        assertEquals("drain replication", Timing.kind("drain replication"));
        assertEquals("stop producer", Timing.kind("stop producer p1"));
    }

    @Test
    void samplesAreSummedPerName() {
        assertEquals(List.of(new Timing("handOver", 2, 700, 500), new Timing("stop", 1, 0, 0)),
                Timing.of(List.of(new Timing.Sample("handOver", 200), new Timing.Sample("stop", -5),
                        new Timing.Sample("handOver", 500))));
    }
}
