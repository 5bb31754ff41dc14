package io.kafkadr.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.drpair.OperationRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationListingTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void theQueryNamesThePairAndOptionallyTheOperationAndTheStart() {
        assertEquals("DrPair = 'local' AND DrOperation IS NOT NULL", OperationListing.query("local", null, null));
        assertEquals("DrPair = 'local' AND DrOperation = 'failover' AND StartTime >= '2026-11-19T12:00:00Z'",
                OperationListing.query("local", "failover", Since.parse("7d", NOW)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OperationListing.query("local", "failovr", null));
        assertTrue(e.getMessage().contains("'failovr' is not one of [replicate, verify, failover, failback, drill]"),
                e.getMessage());
    }

    @Test
    void sinceTakesAnAgeADateOrAnInstantAndNothingElse() {
        assertEquals(Instant.parse("2026-11-26T10:30:00Z"), Since.parse("90m", NOW));
        assertEquals(Instant.parse("2026-11-25T12:00:00Z"), Since.parse("24h", NOW));
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), Since.parse("2026-11-01", NOW));
        assertEquals(Instant.parse("2026-11-01T08:00:00Z"), Since.parse("2026-11-01T08:00:00Z", NOW));
        for (String bad : List.of("", "7 days", "-3d", "yesterday", "2026-13-01")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Since.parse(bad, NOW), bad);
            assertTrue(e.getMessage().contains("neither an age (90m, 24h, 7d)"), e.getMessage());
        }
    }

    @Test
    void thePairEntityFillsInWhatVisibilityMissesFilteredLikeTheQueryNewestFirst() {
        ListedOperation visible = new ListedOperation("failover/local/2", "failover", "completed", "completed", 3000, 4000,
                ListedOperation.VISIBILITY);
        List<OperationRef> recorded = List.of(
                new OperationRef("failover/local/2", "failover", 3000, 4000, "completed"),
                new OperationRef("failback/local/1", "failback", 2000, 2500, "aborted"),
                new OperationRef("failover/local/1", "failover", 1000, 1500, "completed"));

        List<ListedOperation> all = OperationListing.merge(List.of(visible), recorded, null, null);
        assertEquals(List.of("failover/local/2", "failback/local/1", "failover/local/1"),
                all.stream().map(ListedOperation::id).toList());
        assertEquals(List.of(ListedOperation.VISIBILITY, ListedOperation.PAIR_ENTITY, ListedOperation.PAIR_ENTITY),
                all.stream().map(ListedOperation::source).toList(), "no row twice");
        assertEquals(List.of("failover/local/2", "failover/local/1"),
                OperationListing.merge(List.of(visible), recorded, "failover", null).stream().map(ListedOperation::id).toList());
        assertEquals(List.of("failover/local/2", "failback/local/1"),
                OperationListing.merge(List.of(visible), recorded, null, Instant.ofEpochMilli(2000)).stream()
                        .map(ListedOperation::id).toList());
    }

    @Test
    void theTableShowsStatusOutcomeAndDuration() {
        String table = OperationListing.table(List.of(new ListedOperation("drill/local/1", "drill", "running", null,
                Instant.parse("2026-11-26T11:00:00.123Z").toEpochMilli(), 0, ListedOperation.VISIBILITY),
                new ListedOperation("failover/local/1", "failover", "completed", "completed",
                        Instant.parse("2026-11-26T10:00:00Z").toEpochMilli(),
                        Instant.parse("2026-11-26T10:03:00Z").toEpochMilli(), ListedOperation.VISIBILITY)));
        assertTrue(table.contains("2026-11-26T11:00:00Z  drill      running     -                  -  drill/local/1"), table);
        assertTrue(table.contains("failover   completed   completed      3 min  failover/local/1"), table);
    }
}
