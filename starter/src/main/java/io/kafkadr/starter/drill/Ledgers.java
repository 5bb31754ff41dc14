package io.kafkadr.starter.drill;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the sample apps' ledgers say about a window of the producer's sequence ({@code drctl local
 * audit --from-seq N}): counts over the records from N on, so the window between two sequence
 * numbers is one audit minus the later one.
 */
record Ledgers(long acked, long consumed, long lost, long duplicates, String lostSample) {

    static Ledgers of(JsonNode audit) {
        return new Ledgers(audit.path("acked").asLong(), audit.path("consumed").asLong(), audit.path("lost").asLong(),
                audit.path("duplicates").asLong(), audit.path("lostSample").toString());
    }

    /** The records of this window that are not in {@code later} (a window starting later). */
    Ledgers minus(Ledgers later) {
        return new Ledgers(acked - later.acked, consumed - later.consumed, lost - later.lost,
                duplicates - later.duplicates, lostSample);
    }

    List<PhaseCheck> checks() {
        return List.of(
                new PhaseCheck("records-lost", lost, 0, lost == 0, acked + " acknowledged, " + consumed + " consumed"
                        + (lost > 0 ? ", e.g. " + lostSample : "")),
                new PhaseCheck("duplicates", duplicates, 0, duplicates == 0, "consumed more than once"));
    }
}
