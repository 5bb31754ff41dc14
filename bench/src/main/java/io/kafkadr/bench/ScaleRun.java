package io.kafkadr.bench;

import java.util.Comparator;
import java.util.List;

/**
 * What one size of {@code drctl bench scale} measured.
 *
 * @param groups              consumer groups moved
 * @param pair                the throwaway pair's name
 * @param workflowId          the failover workflow
 * @param outcome             the failover report's outcome ({@code completed} when every group moved)
 * @param totalMillis         failover workflow start to close, from its history's event times
 * @param wallMillis          drctl's wait for the failover's result, for comparison
 * @param histories           every history the failover made (its runs, its children's)
 * @param largest             the largest of them by events
 * @param largestBytes        the largest of them by bytes
 * @param totalEvents         events of all of them
 * @param totalBytes          bytes of all of them
 * @param eventsPerGroup      totalEvents / groups
 * @param entityEvents        events of the pair entity's current run after the failover (not part of the totals)
 * @param farmRssMiB          resident memory of the group farm hosting every group, just after the failover
 * @param prepareMillis       farm start, seed, every group committed, replication set up and verified
 * @param steps               the failover report's timeline by kind of step (empty when it failed)
 * @param activities          activities of every history, scheduled to closed, by activity type
 */
record ScaleRun(int groups, String pair, String workflowId, String outcome, long totalMillis, long wallMillis,
                int histories, HistoryStat largest, HistoryStat largestBytes, long totalEvents, long totalBytes,
                double eventsPerGroup, long entityEvents, long farmRssMiB, long prepareMillis,
                List<Timing> steps, List<Timing> activities) {

    static ScaleRun of(int groups, String pair, String workflowId, String outcome, long wallMillis,
                       HistoryProbe.Operation operation, long entityEvents, long farmRssMiB, long prepareMillis,
                       List<Timing> steps) {
        List<HistoryStat> stats = operation.histories();
        if (stats.isEmpty()) {
            throw new IllegalArgumentException("no history of " + workflowId);
        }
        HistoryStat root = stats.get(0);
        HistoryStat largest = stats.stream().max(Comparator.comparingLong(HistoryStat::events)).orElseThrow();
        HistoryStat largestBytes = stats.stream().max(Comparator.comparingLong(HistoryStat::bytes)).orElseThrow();
        long events = stats.stream().mapToLong(HistoryStat::events).sum();
        long bytes = stats.stream().mapToLong(HistoryStat::bytes).sum();
        long end = stats.stream().filter(s -> s.workflowId().equals(root.workflowId()))
                .mapToLong(HistoryStat::endMillis).max().orElse(root.endMillis());
        long start = stats.stream().filter(s -> s.workflowId().equals(root.workflowId()))
                .mapToLong(HistoryStat::startMillis).min().orElse(root.startMillis());
        return new ScaleRun(groups, pair, workflowId, outcome, end - start, wallMillis, stats.size(), largest,
                largestBytes, events, bytes, groups == 0 ? 0 : (double) events / groups, entityEvents, farmRssMiB,
                prepareMillis, steps, Timing.of(operation.activities()));
    }
}
