package io.kafkadr.workflows.canary;

import java.util.List;

/**
 * The canary's figures for one half of a drill.
 *
 * @param name       {@code failover} (burst 1, written on the primary, read across the failover) or
 *                   {@code failback} (bursts 2 and 3, written on the secondary and back on the primary)
 * @param bursts     the bursts counted here
 * @param produced   records acknowledged
 * @param read       records read (repeats included)
 * @param lost       acknowledged, never read
 * @param duplicated read more than once (in one read, or again after a read committed them)
 */
public record CanaryHalf(String name, List<Integer> bursts, long produced, long read, long lost, long duplicated) {

    public CanaryHalf {
        bursts = bursts == null ? List.of() : List.copyOf(bursts);
    }
}
