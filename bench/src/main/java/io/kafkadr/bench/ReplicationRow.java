package io.kafkadr.bench;

import java.util.Map;

/**
 * One variant of {@code drctl bench replication}: throughput over a backlog, then replication
 * latency under a paced load. Every figure is measured; null where the variant has none.
 *
 * @param variant            {@code raw}, {@code mm2-default}, {@code mm2-tuned}, ...
 * @param records            records written (raw) or copied (MM2) in the throughput run
 * @param bytes              their value bytes
 * @param seconds            raw: first send to last ack; MM2: connector creation until the
 *                           target's end offsets hold every record
 * @param firstCopySeconds   MM2: connector creation until the first record is on the target
 *                           (task start and assignment), part of {@code seconds}
 * @param copyRecordsPerSecond MM2: records / (seconds - firstCopySeconds), the copy rate once running
 * @param ratioToRaw         records/s over the raw run's records/s
 * @param latencyRatePerSecond the paced rate of the latency run (records/s asked)
 * @param latencyAchievedPerSecond the rate the source producer achieved
 * @param latency            target LogAppendTime minus source CreateTime, per record of the latency run
 * @param latencyMissing     records of the latency run not on the target when the wait ended
 * @param connectorConfig    the connector config deployed (MM2 variants)
 */
public record ReplicationRow(
        String variant,
        long records,
        long bytes,
        double seconds,
        Double firstCopySeconds,
        Double copyRecordsPerSecond,
        Double ratioToRaw,
        Double latencyRatePerSecond,
        Double latencyAchievedPerSecond,
        LatencyStats latency,
        Long latencyMissing,
        Map<String, String> connectorConfig) {

    public double recordsPerSecond() {
        return seconds <= 0 ? 0 : records / seconds;
    }

    public double megabytesPerSecond() {
        return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
    }

    public double megabytes() {
        return bytes / 1e6;
    }
}
