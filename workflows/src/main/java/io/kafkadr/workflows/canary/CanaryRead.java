package io.kafkadr.workflows.canary;

import java.util.List;

/**
 * One {@link CanaryActivities#consume} call: what the canary group read (and committed).
 *
 * @param readId  the call's id within the drill (e.g. {@code b1-primary}), kept with the commit so a
 *                retried call whose answer was lost answers the same
 * @param cluster where it read
 * @param bursts  this drill's records read, per burst
 * @param foreign records of other drills (older runs) read and skipped
 */
public record CanaryRead(String readId, String cluster, List<BurstRead> bursts, long foreign) {

    public CanaryRead {
        bursts = bursts == null ? List.of() : List.copyOf(bursts);
    }

    public long records() {
        return bursts.stream().mapToLong(BurstRead::records).sum();
    }
}
