package io.kafkadr.bench;

import io.kafkadr.bench.FailoverFigures.GroupFigures;
import java.util.List;

/**
 * What one variant's run measured. Times in milliseconds; -1 where the run never got there.
 *
 * @param rtoMillis             trigger to the first acknowledgement of the producer on the new cluster
 * @param writeOutageMillis     the producer's last acknowledgement on the old cluster to its first on the new one
 * @param readPauseMaxMillis    largest per-group pause (last consumption on the old cluster to the first on the new)
 * @param readPauseMedianMillis median of the per-group pauses
 * @param lost                  acknowledged records some group never consumed (summed over groups)
 * @param duplicates            records consumed more than once by a group (summed over groups)
 * @param clientMillis          part of the RTO spent stopping and starting clients
 * @param drainMillis           part of the RTO spent waiting for replication to drain (beyond client time)
 * @param overheadMillis        RTO minus client and drain time: what the orchestration itself cost
 * @param waves                 consumer waves plus the producers' wave
 * @param workflowRtoMillis     kafka-dr only: the RTO its own report states
 * @param round                 which of the variant's runs ({@code --repeat}), from 1
 */
record VariantResult(String variant, String runId, String topic, int groups, String error,
                     long rtoMillis, long writeOutageMillis, long readPauseMaxMillis, long readPauseMedianMillis,
                     long acked, long lost, long duplicates,
                     long clientMillis, long drainMillis, long overheadMillis, int waves, double overheadPerWaveMillis,
                     Long workflowRtoMillis, String workflowId, List<GroupFigures> perGroup, List<String> notes,
                     int round) {

    static VariantResult failed(BenchSetup s, String error) {
        return new VariantResult(s.variant(), s.runId(), s.topic(), s.groups(), error, -1, -1, -1, -1, 0, 0, 0, 0, 0, -1, 0,
                -1, null, null, List.of(), List.of(), 1);
    }

    VariantResult inRound(int r) {
        return new VariantResult(variant, runId, topic, groups, error, rtoMillis, writeOutageMillis, readPauseMaxMillis,
                readPauseMedianMillis, acked, lost, duplicates, clientMillis, drainMillis, overheadMillis, waves,
                overheadPerWaveMillis, workflowRtoMillis, workflowId, perGroup, notes, r);
    }
}
