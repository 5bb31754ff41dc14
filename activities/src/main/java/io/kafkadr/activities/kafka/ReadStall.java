package io.kafkadr.activities.kafka;

import io.kafkadr.workflows.common.ActivityFailures;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * The one stall policy of the scans that read a partition range: each poll reports where the read
 * stands; a read that makes no progress for {@link #DEADLINE} is an error naming the cluster, the
 * partition and the offsets (retryable: a broker that was slow may answer on the next attempt),
 * never a short answer. A short answer is how an exact hand-over quietly becomes an approximate
 * one, or a salvage misses records. {@link RangeReader} applies it to every scan.
 */
public final class ReadStall {

    /** How long a read may go without a record before it is a stall. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String what;
    private final String cluster;
    private final LongSupplier nanoTime;
    private final Consumer<String> heartbeat;
    private long deadline;

    /**
     * {@code what}: the scan, for messages; {@code heartbeat}: where progress goes (the activity's
     * heartbeat); {@code nanoTime}: the clock.
     */
    public ReadStall(String what, String cluster, LongSupplier nanoTime, Consumer<String> heartbeat) {
        this.what = what;
        this.cluster = cluster;
        this.nanoTime = nanoTime;
        this.heartbeat = heartbeat;
        this.deadline = nanoTime.getAsLong() + DEADLINE.toNanos();
    }

    /**
     * After a poll: {@code progressed} when it returned records; {@code position} and
     * {@code until}: where the read of {@code tp} (the one furthest from its end, when several are
     * read) stands and where it must get to. Throws once the read has stood still for {@link #DEADLINE}.
     */
    public void polled(boolean progressed, TopicPartition tp, long position, long until) {
        heartbeat.accept(what + ": " + tp + " of '" + cluster + "' at " + position + " of " + until);
        long now = nanoTime.getAsLong();
        if (progressed) {
            deadline = now + DEADLINE.toNanos();
        } else if (now - deadline > 0) {
            throw ApplicationFailure.newFailure(what + ": no progress reading " + tp + " of '" + cluster + "' at offset "
                    + position + " (reading up to " + until + ") for " + DEADLINE.toSeconds() + " s; an open "
                    + "transaction or a slow broker stops a read_committed read there; retried", ActivityFailures.NOT_READY);
        }
    }
}
