package io.kafkadr.activities.handover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The batched replication wait gives up no earlier than partitions awaited one after the other did. */
class AllowedWaitTest {

    @Test
    void oneTimeoutBeforeAnyPartitionIsCopied() {
        assertEquals(Duration.ofSeconds(120), HandOverActivitiesImpl.allowedWait(0, 120));
    }

    @Test
    void oneMoreTimeoutForEachPartitionCopied() {
        assertEquals(Duration.ofSeconds(360), HandOverActivitiesImpl.allowedWait(2, 120));
    }
}
