package io.kafkadr.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code burst} requests at once, refilled at {@code perSecond}. Not
 * a record of requests (that is Temporal's): only how fast one token may call.
 */
public final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("the rate limit needs a positive rate and a burst of at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Whether {@code caller} may make one more request now. */
    public boolean tryAcquire(String caller) {
        Bucket bucket = buckets.computeIfAbsent(caller, c -> new Bucket(burst, nanoTime.getAsLong()));
        synchronized (bucket) {
            long now = nanoTime.getAsLong();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / 1e9 * perSecond);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** Seconds until {@code caller} may call again (at least 1): the Retry-After of a 429. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / perSecond));
    }
}
