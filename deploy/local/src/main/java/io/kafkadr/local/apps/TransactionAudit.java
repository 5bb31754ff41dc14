package io.kafkadr.local.apps;

import io.kafkadr.local.apps.ToolEvents.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Transactions written by Kafka's TransactionalMessageCopier ({@code --enable-random-aborts}):
 * what the tool reports as committed, what the broker holds as committed and aborted, and
 * whether a consumer group read a record of an aborted transaction.
 *
 * @param copier            the copier's app name
 * @param inputTopic        where it copies from
 * @param outputTopic       where it writes, in transactions
 * @param runs              runs of the tool (it exits once it has copied what its input held)
 * @param committedByTool   records the tool reports committed: per run the highest
 *                          {@code totalProcessed} of its {@code progress}/{@code shutdown_complete} events, summed
 * @param committedOnBroker per cluster, data records of {@code outputTopic} a read_committed reader gets
 * @param abortedOnBroker   per cluster, data records of {@code outputTopic} only a read_uncommitted reader gets
 * @param groups            per consumer group of {@code outputTopic}: how many aborted records it consumed
 */
public record TransactionAudit(String copier, String inputTopic, String outputTopic, long runs, long committedByTool,
                               Map<String, Long> committedOnBroker, Map<String, Long> abortedOnBroker,
                               List<GroupCheck> groups) {

    /**
     * @param group           the consumer group
     * @param isolation       its isolation level (read_committed or read_uncommitted)
     * @param consumed        its record_data events on the output topic
     * @param consumedAborted those at a position the broker holds as aborted
     * @param sample          up to 10 such positions
     */
    public record GroupCheck(String group, String isolation, long consumed, long consumedAborted, List<String> sample) {
    }

    public static long committedByTool(List<Event> copierEvents) {
        Map<Long, Long> perRun = new TreeMap<>();
        for (Event e : copierEvents) {
            if (e.json().has("totalProcessed")) {
                perRun.merge(e.run(), e.json().path("totalProcessed").asLong(), Math::max);
            }
        }
        return perRun.values().stream().mapToLong(Long::longValue).sum();
    }

    public static GroupCheck check(String group, String isolation, String outputTopic, List<Event> consumerEvents,
                                   Set<String> abortedPositions) {
        long consumed = 0;
        List<String> hits = new ArrayList<>();
        for (Event e : consumerEvents) {
            if ("record_data".equals(e.name()) && e.topic().equals(outputTopic)) {
                consumed++;
                if (abortedPositions.contains(e.position())) {
                    hits.add(e.position() + "=" + e.value());
                }
            }
        }
        return new GroupCheck(group, isolation, consumed, hits.size(), List.copyOf(hits.subList(0, Math.min(10, hits.size()))));
    }
}
