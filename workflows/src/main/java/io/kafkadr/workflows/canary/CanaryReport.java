package io.kafkadr.workflows.canary;

import java.util.List;
import java.util.Map;

/**
 * What the drill's canary did ({@code canary} in {@code DrillResult}; null when the drill's traffic
 * is the pair's clients only).
 *
 * @param topic    the canary topic
 * @param group    the canary's consumer group, moved by the failover and failback like the pair's groups
 * @param runId    the key prefix of this drill's records ({@code <runId>/<burst>/<seq>})
 * @param produced records acknowledged per burst (1: primary before the failover, 2: secondary, 3: primary after the failback)
 * @param reads    every read, in order
 * @param halves   the figures per half (failover: burst 1; failback: bursts 2 and 3)
 */
public record CanaryReport(String topic, String group, String runId, Map<Integer, Long> produced,
                           List<CanaryRead> reads, List<CanaryHalf> halves) {

    public long lost() {
        return halves.stream().mapToLong(CanaryHalf::lost).sum();
    }

    public long duplicated() {
        return halves.stream().mapToLong(CanaryHalf::duplicated).sum();
    }
}
