package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of the pair entity's watch on the active cluster: growth rates from two
 * observations, and the loss bound of an unplanned failover. Pure, for workflow code.
 */
public final class Watch {

    /** Old peaks fade: each observation keeps this share of the previous maximum. */
    static final double DECAY = 0.95;

    private Watch() {
    }

    static List<PartitionRate> rates(PairState before, Observation now) {
        Map<String, PartitionOffsets> previous = byKey(before.lastKnownSource());
        Map<String, Double> peaks = new HashMap<>();
        before.rates().forEach(r -> peaks.put(key(r.topic(), r.partition()), r.recordsPerSecond()));
        double seconds = (now.observedAtMillis() - before.observedAtMillis()) / 1000.0;
        List<PartitionRate> rates = new ArrayList<>();
        for (PartitionOffsets p : now.source()) {
            String k = key(p.topic(), p.partition());
            PartitionOffsets was = previous.get(k);
            double rate = was == null || seconds <= 0 ? 0 : Math.max(0, p.endOffset() - was.endOffset()) / seconds;
            rates.add(new PartitionRate(p.topic(), p.partition(), Math.max(rate, peaks.getOrDefault(k, 0.0) * DECAY)));
        }
        return rates;
    }

    /**
     * Per partition: records the active cluster was last seen to hold beyond what MM2 copied,
     * plus what it could have written at its peak rate until it fell silent ({@code until}).
     * An upper bound as long as no burst outran the peak rate the watch saw.
     */
    public static List<PartitionOffset> lossBound(PairState state, List<PartitionOffset> copied, long until) {
        Map<String, Long> copiedUpTo = new HashMap<>();
        copied.forEach(c -> copiedUpTo.put(key(c.topic(), c.partition()), c.offset() + 1));
        Map<String, Double> rates = new HashMap<>();
        state.rates().forEach(r -> rates.put(key(r.topic(), r.partition()), r.recordsPerSecond()));
        double gapSeconds = Math.max(0, until - state.observedAtMillis()) / 1000.0;
        List<PartitionOffset> bound = new ArrayList<>();
        for (PartitionOffsets seen : state.lastKnownSource()) {
            String k = key(seen.topic(), seen.partition());
            long upTo = Math.max(copiedUpTo.getOrDefault(k, seen.startOffset()), seen.startOffset());
            long unseen = (long) Math.ceil(rates.getOrDefault(k, 0.0) * gapSeconds);
            bound.add(new PartitionOffset(seen.topic(), seen.partition(), Math.max(0, seen.endOffset() - upTo) + unseen));
        }
        return bound;
    }

    private static Map<String, PartitionOffsets> byKey(List<PartitionOffsets> offsets) {
        Map<String, PartitionOffsets> map = new HashMap<>();
        offsets.forEach(o -> map.put(key(o.topic(), o.partition()), o));
        return map;
    }

    private static String key(String topic, int partition) {
        return topic + "-" + partition;
    }
}
