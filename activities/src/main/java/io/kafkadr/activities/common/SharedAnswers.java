package io.kafkadr.activities.common;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers shared by concurrent callers that ask the same question: per key, at most one fetch in
 * flight, and a caller takes the last answer when its fetch began at most {@code window} before
 * the caller asked (or after). Otherwise the caller fetches, and callers waiting meanwhile take
 * that answer. A failed fetch fails its own caller and the callers that waited for it (as each
 * would have failed on its own, at the same time, rather than one after the other); a caller
 * that asks afterwards fetches again.
 *
 * @param <K> what is asked (e.g. a connector and its REST address)
 * @param <V> the answer, shared as is: keep it immutable
 */
public final class SharedAnswers<K, V> {

    /** The last answer of one key and when its fetch began; the last failure and when it ended. */
    private static final class Slot<V> {
        private V answer;
        private long fetchBegan;
        private RuntimeException failure;
        private long failedAt;
    }

    private final long windowNanos;
    private final LongSupplier nanos;
    private final Map<K, Slot<V>> slots = new ConcurrentHashMap<>();

    /** {@code nanos}: a monotonic clock, {@link System#nanoTime} outside tests. */
    public SharedAnswers(Duration window, LongSupplier nanos) {
        this.windowNanos = window.toNanos();
        this.nanos = nanos;
    }

    public V get(K key, Supplier<V> fetch) {
        long asked = nanos.getAsLong();
        Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
        synchronized (slot) {
            if (slot.answer != null && slot.fetchBegan - (asked - windowNanos) >= 0) {
                return slot.answer;
            }
            if (slot.failure != null && slot.failedAt - asked >= 0) {
                throw slot.failure;
            }
            long began = nanos.getAsLong();
            try {
                V answer = fetch.get();
                slot.answer = answer;
                slot.fetchBegan = began;
                slot.failure = null;
                return answer;
            } catch (RuntimeException e) {
                slot.failure = e;
                slot.failedAt = nanos.getAsLong();
                throw e;
            }
        }
    }
}
