package io.kafkadr.replication.provenance;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic ids for the provenance transform, which runs on MM2's task thread: a lookup that fails
 * for a transient reason (a timeout, a broker restarting, metadata not yet known) never fails the
 * task. Each id is kept for {@link #TTL}, so a topic deleted and recreated under a running task is
 * noticed within that time; when a refresh fails transiently the last id read stays in use (the
 * topic is most likely the same) and the lookup is tried again after a backoff. Without any id yet,
 * the task waits, retrying with backoff, until the source answers: records are stamped with the
 * real id or not at all. Only a permanent failure (not authorized, an invalid topic) fails the
 * task, with a message that says what to fix.
 */
final class RetryingTopicIds implements TopicIds {

    /** One lookup of a topic's id, bounded by {@code timeout}; throws what the admin client threw. */
    @FunctionalInterface
    interface Lookup {
        String idOf(String topic, Duration timeout) throws Exception;
    }

    /** Waits between two lookups (a sleep of the task thread). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    static final Duration TTL = Duration.ofSeconds(10);
    /** Bound of one lookup: a slow answer is retried, not waited for forever. */
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);
    /** Bound of a refresh while a known id can be used instead: records wait this long at most. */
    static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(2);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(RetryingTopicIds.class);

    /** An id, when it was read, and when the next refresh may be tried after failed ones. */
    private record Cached(String id, long readAtNanos, long retryAtNanos, int failures) {
    }

    private final Lookup lookup;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    RetryingTopicIds(Lookup lookup) {
        this(lookup, d -> Thread.sleep(d.toMillis()), System::nanoTime);
    }

    RetryingTopicIds(Lookup lookup, Sleeper sleeper, LongSupplier nanoTime) {
        this.lookup = lookup;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
    }

    @Override
    public String idOf(String topic) {
        long now = nanoTime.getAsLong();
        Cached known = cache.get(topic);
        if (known != null && (now - known.readAtNanos() < TTL.toNanos() || now < known.retryAtNanos())) {
            return known.id();
        }
        if (known != null) {
            return refresh(topic, known, now);
        }
        for (int failures = 1; ; failures++) {
            try {
                return read(topic, LOOKUP_TIMEOUT);
            } catch (Exception e) {
                failIfPermanent(topic, e);
                Duration wait = backoff(failures);
                LOG.warn("kafka-dr provenance: cannot read the id of source topic {} yet (attempt {}: {}); "
                        + "retrying in {} ms", topic, failures, describe(e), wait.toMillis());
                sleep(topic, wait);
            }
        }
    }

    private String refresh(String topic, Cached known, long now) {
        try {
            return read(topic, REFRESH_TIMEOUT);
        } catch (Exception e) {
            failIfPermanent(topic, e);
            int failures = known.failures() + 1;
            Duration wait = backoff(failures);
            cache.put(topic, new Cached(known.id(), known.readAtNanos(), now + wait.toNanos(), failures));
            LOG.warn("kafka-dr provenance: cannot refresh the id of source topic {} ({}); stamping the id read "
                    + "before, next try in {} ms", topic, describe(e), wait.toMillis());
            return known.id();
        }
    }

    private String read(String topic, Duration timeout) throws Exception {
        String id = lookup.idOf(topic, timeout);
        cache.put(topic, new Cached(id, nanoTime.getAsLong(), 0, 0));
        return id;
    }

    /** Throws, as the task's failure, what waiting will not cure: an interrupt or a permanent error. */
    private static void failIfPermanent(String topic, Exception e) {
        if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while reading the id of source topic " + topic, e);
        }
        if (!isTransient(e)) {
            throw new ConnectException("kafka-dr provenance: cannot read the id of source topic " + topic + ": "
                    + describe(e) + ". Check that the transform's source.* settings (the connector's source "
                    + "cluster security) may describe the topic, then restart the task", cause(e));
        }
    }

    /** A timeout or an error Kafka marks as retriable: worth waiting for. */
    static boolean isTransient(Throwable e) {
        Throwable c = cause(e);
        return c instanceof java.util.concurrent.TimeoutException || c instanceof RetriableException;
    }

    static Duration backoff(int failures) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 16);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private void sleep(String topic, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while waiting to read the id of source topic " + topic, e);
        }
    }

    private static Throwable cause(Throwable e) {
        return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    }

    private static String describe(Throwable e) {
        Throwable c = cause(e);
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }
}
