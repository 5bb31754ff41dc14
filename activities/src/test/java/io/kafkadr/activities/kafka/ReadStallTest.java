package io.kafkadr.activities.kafka;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReadStallTest {

    private final AtomicLong now = new AtomicLong();
    private final List<String> beats = new ArrayList<>();
    private final ReadStall stall = new ReadStall("searching copies", "secondary", now::get, beats::add);
    private final TopicPartition tp = new TopicPartition("orders", 2);

    @Test
    void aReadThatStandsStillForTheDeadlineIsAnErrorNamingWhereNeverAShortAnswer() {
        now.addAndGet(ReadStall.DEADLINE.toNanos() + 1);
        ApplicationFailure e = assertThrows(ApplicationFailure.class, () -> stall.polled(false, tp, 40, 100));
        assertTrue(e.getOriginalMessage().contains("orders-2 of 'secondary' at offset 40 (reading up to 100)"),
                e.getOriginalMessage());
        assertFalse(e.isNonRetryable(), "retried: a slow broker may answer on the next attempt");
    }

    @Test
    void progressRestartsTheDeadlineAndEveryPollHeartbeats() {
        now.addAndGet(ReadStall.DEADLINE.toNanos() - 1);
        stall.polled(true, tp, 50, 100);
        now.addAndGet(ReadStall.DEADLINE.toNanos() - 1);
        assertDoesNotThrow(() -> stall.polled(false, tp, 50, 100));
        assertEquals(2, beats.size());
        assertEquals("searching copies: orders-2 of 'secondary' at 50 of 100", beats.get(1));
    }
}
