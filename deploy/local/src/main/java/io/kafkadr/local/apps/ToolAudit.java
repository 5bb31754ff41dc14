package io.kafkadr.local.apps;

import io.kafkadr.local.apps.ToolEvents.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loss and duplicates of one consumer group on one topic, counted only from the output of
 * Kafka's own test clients: VerifiableProducer's {@code producer_send_success} events (a record
 * the cluster acknowledged: topic, partition, offset, value) and VerifiableConsumer's
 * {@code --verbose} {@code record_data} events (a record handed to the application: topic,
 * partition, offset, value). A record is identified by its value, unique per producer run
 * ({@code <value-prefix>.<counter>}, the prefix a stack-wide run counter), because offsets
 * change when the group moves to the other cluster.
 *
 * @param topic                  the topic the group consumed
 * @param sourceTopic            the topic whose acknowledged records the group must consume: the
 *                               topic itself, or the input topic of a TransactionalMessageCopier
 *                               writing to it
 * @param group                  the consumer group
 * @param acknowledged           distinct values acknowledged on {@code sourceTopic}
 * @param sendErrors             {@code producer_send_error} events (not acknowledged, may or may not be written)
 * @param consumed               {@code record_data} events of the group on {@code topic}
 * @param consumedDistinct       distinct values among them
 * @param lost                   acknowledged values never consumed
 * @param duplicated             consumed events beyond the first per value
 * @param unacknowledgedConsumed distinct consumed values nobody had acknowledged
 * @param acknowledgedByCluster  acknowledged values per cluster the producer wrote to
 * @param consumedByCluster      record_data events per cluster the consumer read from
 * @param lostSample             up to 10 lost values
 * @param duplicatedSample       up to 10 duplicated values, each with where it was consumed
 */
public record ToolAudit(String topic, String sourceTopic, String group, long acknowledged, long sendErrors,
                        long consumed, long consumedDistinct, long lost, long duplicated, long unacknowledgedConsumed,
                        Map<String, Long> acknowledgedByCluster, Map<String, Long> consumedByCluster,
                        List<String> lostSample, List<String> duplicatedSample) {

    /**
     * @param producerLedgers events of every VerifiableProducer ledger (only those on {@code sourceTopic} count)
     * @param consumerEvents  events of the group's VerifiableConsumer ledger (only those on {@code topic} count)
     */
    public static ToolAudit of(String topic, String sourceTopic, String group, Collection<List<Event>> producerLedgers,
                               List<Event> consumerEvents) {
        Set<String> acked = new LinkedHashSet<>();
        long sendErrors = 0;
        Map<String, Long> ackedByCluster = new TreeMap<>();
        for (List<Event> ledger : producerLedgers) {
            for (Event e : ledger) {
                if (!e.topic().equals(sourceTopic)) {
                    continue;
                }
                if ("producer_send_success".equals(e.name()) && acked.add(e.value())) {
                    ackedByCluster.merge(e.cluster(), 1L, Long::sum);
                } else if ("producer_send_error".equals(e.name())) {
                    sendErrors++;
                }
            }
        }
        Map<String, List<String>> seen = new HashMap<>();
        Map<String, Long> consumedByCluster = new TreeMap<>();
        long consumed = 0;
        for (Event e : consumerEvents) {
            if ("record_data".equals(e.name()) && e.topic().equals(topic)) {
                consumed++;
                seen.computeIfAbsent(e.value(), v -> new ArrayList<>()).add(e.position());
                consumedByCluster.merge(e.cluster(), 1L, Long::sum);
            }
        }
        List<String> lost = acked.stream().filter(v -> !seen.containsKey(v)).toList();
        List<String> duplicated = seen.entrySet().stream().filter(s -> s.getValue().size() > 1)
                .map(s -> s.getKey() + " at " + s.getValue()).sorted().toList();
        long unacked = seen.keySet().stream().filter(v -> !acked.contains(v)).count();
        return new ToolAudit(topic, sourceTopic, group, acked.size(), sendErrors, consumed, seen.size(), lost.size(),
                consumed - seen.size(), unacked, ackedByCluster, consumedByCluster,
                List.copyOf(lost.subList(0, Math.min(10, lost.size()))),
                List.copyOf(duplicated.subList(0, Math.min(10, duplicated.size()))));
    }

    public boolean clean() {
        return lost == 0 && duplicated == 0;
    }

    public String summary() {
        return String.format("%s <- %s, group %s: acknowledged %d, consumed %d (%d distinct), lost %d, duplicated %d%s%s",
                topic, sourceTopic, group, acknowledged, consumed, consumedDistinct, lost, duplicated,
                unacknowledgedConsumed > 0 ? ", consumed but never acknowledged " + unacknowledgedConsumed : "",
                lost > 0 ? ", e.g. lost " + lostSample : "");
    }
}
