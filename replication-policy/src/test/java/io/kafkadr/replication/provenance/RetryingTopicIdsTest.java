package io.kafkadr.replication.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** A lookup that fails for a transient reason never fails MM2's task: it is retried, or the id read before is used. */
class RetryingTopicIdsTest {

    private long now = 1_000_000_000L;
    private final List<Duration> slept = new ArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();
    private int lookups;

    private final RetryingTopicIds ids = new RetryingTopicIds((topic, timeout) -> {
        lookups++;
        Object next = answers.pop();
        if (next instanceof Exception e) {
            throw e;
        }
        return (String) next;
    }, d -> {
        slept.add(d);
        now += d.toNanos();
    }, () -> now);

    @Test
    void aTimeoutOfTheFirstLookupIsRetriedWithBackoffNotThrown() {
        answers.add(new TimeoutException("describeTopics timed out"));
        answers.add(new ExecutionException(new org.apache.kafka.common.errors.TimeoutException("no broker answered")));
        answers.add("id-1");

        assertEquals("id-1", ids.idOf("orders"));
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), slept);
    }

    @Test
    void aFailedRefreshKeepsTheIdReadBeforeAndTriesAgainAfterABackoff() {
        answers.add("id-1");
        assertEquals("id-1", ids.idOf("orders"));
        now += RetryingTopicIds.TTL.toNanos();
        answers.add(new ExecutionException(new org.apache.kafka.common.errors.TimeoutException("slow")));

        assertEquals("id-1", ids.idOf("orders"), "a transient failure stamps the id read before");
        assertEquals(List.of(), slept, "records do not wait while a known id can be used");
        assertEquals("id-1", ids.idOf("orders"));
        assertEquals(2, lookups, "no lookup before the backoff ends");

        now += RetryingTopicIds.FIRST_BACKOFF.toNanos();
        answers.add("id-2");
        assertEquals("id-2", ids.idOf("orders"), "a recreated topic is noticed once the source answers");
    }

    @Test
    void withinItsTtlAnIdIsNotLookedUpAgain() {
        answers.add("id-1");
        ids.idOf("orders");
        now += RetryingTopicIds.TTL.toNanos() - 1;
        assertEquals("id-1", ids.idOf("orders"));
        assertEquals(1, lookups);
    }

    @Test
    void aPermanentFailureFailsTheTaskSayingWhatToFix() {
        answers.add(new ExecutionException(new TopicAuthorizationException("not authorized to describe orders")));
        ConnectException e = assertThrows(ConnectException.class, () -> ids.idOf("orders"));
        assertTrue(e.getMessage().contains("source topic orders") && e.getMessage().contains("source.*"), e.getMessage());
        assertEquals(List.of(), slept);
    }

    @Test
    void theBackoffDoublesUpToItsCap() {
        assertEquals(Duration.ofMillis(500), RetryingTopicIds.backoff(1));
        assertEquals(Duration.ofSeconds(4), RetryingTopicIds.backoff(4));
        assertEquals(RetryingTopicIds.MAX_BACKOFF, RetryingTopicIds.backoff(40));
    }
}
