package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.canary.CanaryAccounting;
import io.kafkadr.workflows.canary.CanaryActivities;
import io.kafkadr.workflows.canary.CanaryRead;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link CanaryActivities} over one in-memory log, as if replication and the hand-over were
 * perfect: both clusters show the same records and the canary group one position, unless
 * {@link #redeliverOnRead} rewinds it (a hand-over that re-delivers).
 */
public class FakeCanaryActivities extends RecordingFake implements CanaryActivities {

    private final List<long[]> log = new ArrayList<>();
    private int position;
    private final Map<String, Integer> rewinds = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The read {@code readId} fails for good (a cluster the canary cannot read), as its activity after its retries. */
    public FakeCanaryActivities failRead(String readId) {
        failing.add(readId);
        return this;
    }

    /** The read {@code readId} starts {@code records} before where the group left off (a re-delivering hand-over). */
    public FakeCanaryActivities redeliverOnRead(String readId, int records) {
        rewinds.put(readId, records);
        return this;
    }

    @Override
    public int ensureTopic(PairConfig pair, String cluster, String topic) {
        record("ensureTopic", cluster, topic);
        return 3;
    }

    @Override
    public synchronized int startAtEnd(PairConfig pair, String cluster, String topic, String group) {
        record("startAtEnd", cluster, group);
        position = log.size();
        return 3;
    }

    @Override
    public synchronized long produce(PairConfig pair, String cluster, String topic, String runId, int burst, int count) {
        record("produce", cluster, burst, count);
        for (long seq = 0; seq < count; seq++) {
            log.add(new long[] {burst, seq});
        }
        return count;
    }

    @Override
    public synchronized CanaryRead consume(PairConfig pair, String cluster, String topic, String group, String runId,
                                           String readId, int max, int waitSeconds) {
        record("consume", cluster, readId, max, group);
        if (failing.contains(readId)) {
            throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("canary read " + readId + " on '" + cluster
                    + "' made no progress for 60 s", "CanaryReadStalled");
        }
        position = Math.max(0, position - rewinds.getOrDefault(readId, 0));
        Map<Integer, List<Long>> seqs = new TreeMap<>();
        int end = Math.min(log.size(), position + max);
        for (; position < end; position++) {
            seqs.computeIfAbsent((int) log.get(position)[0], b -> new ArrayList<>()).add(log.get(position)[1]);
        }
        return new CanaryRead(readId, cluster, CanaryAccounting.bursts(seqs), 0);
    }
}
