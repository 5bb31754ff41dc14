package io.kafkadr.bench;

import java.util.Arrays;

/**
 * Percentiles of measured latencies in milliseconds (nearest rank: the smallest sample with at
 * least p % of the samples at or below it).
 *
 * @param samples how many latencies were measured
 */
public record LatencyStats(long samples, long p50Millis, long p99Millis, long maxMillis) {

    public static LatencyStats of(long[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("no latency sample to summarise");
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted.length, rank(sorted, 50), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
