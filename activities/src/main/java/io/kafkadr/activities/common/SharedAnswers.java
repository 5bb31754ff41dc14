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
 * that answer. A failed fetch is not kept: it fails its own caller, the next caller fetches again.
 *
 * @param <K> what is asked (e.g. a connector and its REST address)
 * @param <V> the answer, shared as is: keep it immutable
 */
public final class SharedAnswers<K, V> {

    /** The last answer of one key and when its fetch began. */
    private static final class Slot<V> {
        private V answer;
        private long fetchBegan;
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
            long began = nanos.getAsLong();
            V answer = fetch.get();
            slot.answer = answer;
            slot.fetchBegan = began;
            return answer;
        }
    }
}
