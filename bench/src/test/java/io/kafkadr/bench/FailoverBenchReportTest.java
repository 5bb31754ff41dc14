package io.kafkadr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.bench.FailoverBench.BenchReport;
import io.kafkadr.bench.FailoverBench.Spread;
import io.kafkadr.bench.FailoverBench.Target;
import io.kafkadr.operations.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverBenchReportTest {

    private static VariantResult run(String variant, int round, long rtoMillis, long lost, long duplicates) {
        return new VariantResult(variant, variant + round, "t", 1, null, rtoMillis, 1000, 2000, 2000, 500, lost, duplicates,
                rtoMillis / 2, 100, rtoMillis / 10, 2, rtoMillis / 20.0, null, null, List.of(), List.of(), round);
    }

    private static VariantResult failed(String variant, int round) {
        return VariantResult.failed(new BenchSetup(variant, variant + round, 1, 3, 100, "primary", "secondary"), "boom")
                .inRound(round);
    }

    @Test
    void mediansOfEachVariantsRunsWithMinAndMaxAndRatiosOfTheMedians() {
        List<VariantResult> runs = List.of(
                run("bare", 1, 4000, 0, 0), run("kafka-dr", 1, 9000, 0, 0), run("runbook-safe", 1, 90_000, 0, 10),
                run("bare", 2, 5000, 0, 0), run("kafka-dr", 2, 6000, 0, 0), run("runbook-safe", 2, 100_000, 0, 0),
                run("bare", 3, 3000, 0, 0), run("kafka-dr", 3, 7000, 0, 0), failed("runbook-safe", 3));
        BenchReport r = BenchReport.of(1, 100, 3, 3, List.of("bare", "kafka-dr", "runbook-safe"), runs);

        assertEquals(new Spread(4000, 3000, 5000, 3), r.medians().get("bare").get("rtoMillis"));
        assertEquals(new Spread(7000, 6000, 9000, 3), r.medians().get("kafka-dr").get("rtoMillis"));
        // a failed run counts in no median: two left, the median is their mean
        assertEquals(new Spread(95_000, 90_000, 100_000, 2), r.medians().get("runbook-safe").get("rtoMillis"));
        assertEquals(List.of("kafka-dr/bare", "kafka-dr/safe"), List.copyOf(r.ratios().keySet()));
        assertEquals(1.75, r.ratios().get("kafka-dr/bare").get("rto"), 1e-9);
        assertEquals(7000 / 95_000.0, r.ratios().get("kafka-dr/safe").get("rto"), 1e-9);

        Target toBare = r.targets().get(0);
        assertTrue(toBare.text().startsWith("RTO <= 1.5 x bare's"), toBare.text());
        assertFalse(toBare.met(), "1.75 x the floor misses 1.5 x");
        Target toSafe = r.targets().get(1);
        assertTrue(toSafe.met(), toSafe.text());
        assertFalse(toSafe.text().contains("floor is what counts"), "bare is 0.042 x runbook-safe: below 0.1");
        assertNull(r.targets().get(2).met(), "runbook-fast not run");
        assertTrue(r.targets().get(3).met(), r.targets().get(3).text());
        assertTrue(r.targets().get(4).met(), r.targets().get(4).text());
    }

    @Test
    void aFloorAboveATenthOfTheRunbookIsSaidAndOneDuplicateInOneRunMissesTheTarget() {
        List<VariantResult> runs = List.of(run("bare", 1, 20_000, 0, 0), run("kafka-dr", 1, 25_000, 0, 0),
                run("runbook-safe", 1, 100_000, 0, 0), run("bare", 2, 20_000, 0, 0), run("kafka-dr", 2, 25_000, 0, 3),
                run("runbook-safe", 2, 100_000, 0, 0));
        BenchReport r = BenchReport.of(1, 100, 3, 2, List.of("bare", "kafka-dr", "runbook-safe"), runs);
        assertTrue(r.targets().get(0).met(), r.targets().get(0).text());
        assertFalse(r.targets().get(1).met());
        assertTrue(r.targets().get(1).text().contains("bare itself is 0.200 x runbook-safe on this machine"),
                r.targets().get(1).text());
        assertEquals("0 records duplicated in every run (most in one: 3)", r.targets().get(4).text());
        assertFalse(r.targets().get(4).met());
    }

    @Test
    void theJsonKeepsOneObjectPerRunAndTheTablePrintsMediansWithMinAndMax() throws Exception {
        List<VariantResult> runs = List.of(run("bare", 1, 4000, 0, 0), run("kafka-dr", 1, 9000, 0, 0),
                run("bare", 2, 5000, 0, 0), run("kafka-dr", 2, 6000, 0, 0));
        BenchReport r = BenchReport.of(1, 100, 3, 2, List.of("bare", "kafka-dr"), runs);
        JsonNode json = new ObjectMapper().readTree(Json.write(r));
        assertEquals(4, json.get("runs").size());
        JsonNode second = json.get("runs").get(1);
        assertEquals("kafka-dr", second.get("variant").asText());
        assertEquals(9000, second.get("rtoMillis").asLong());
        assertEquals(0, second.get("lost").asLong());
        assertEquals(0, second.get("duplicates").asLong());
        assertEquals(1, second.get("round").asInt());
        assertEquals(7500.0, json.at("/medians/kafka-dr/rtoMillis/median").asDouble());
        assertEquals(7500 / 4500.0, json.at("/ratios/kafka-dr~1bare/rto").asDouble(), 1e-9);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FailoverBench.print(r, new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("7.50 [6.00-9.00]"), table);
        assertTrue(table.contains("kafka-dr/bare"), table);
        assertTrue(table.contains("kafka-dr       #2       6.00"), table);
    }
}
