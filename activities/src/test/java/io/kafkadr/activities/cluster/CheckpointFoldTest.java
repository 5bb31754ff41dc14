package io.kafkadr.activities.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The incremental fold against what a full read of the topic gives: a checkpoints topic as a list
 * of records per partition, with retention moving the log start, compaction removing superseded
 * records and truncation; after every step the fold must answer what a full read from the log
 * start to the end would.
 */
class CheckpointFoldTest {

    /** One checkpoint record: group, the partition checkpointed, its downstream offset. */
    private record Rec(String group, TopicPartition tp, long downstream) {
    }

    /** A checkpoints topic: records per partition by offset (null: compacted away), and log starts. */
    private static final class Log {
        final Map<Integer, List<Rec>> records = new HashMap<>();
        final Map<Integer, Long> start = new HashMap<>();

        Log(int partitions) {
            for (int p = 0; p < partitions; p++) {
                records.put(p, new ArrayList<>());
                start.put(p, 0L);
            }
        }

        void append(int partition, Rec r) {
            records.get(partition).add(r);
        }

        Map<Integer, Long> end() {
            Map<Integer, Long> end = new HashMap<>();
            records.forEach((p, l) -> end.put(p, (long) l.size()));
            return end;
        }

        /** What the old code computed: every record from the log start to the end, in order. */
        Map<TopicPartition, Long> fullRead(String group) {
            Map<TopicPartition, Long> latest = new HashMap<>();
            records.forEach((p, l) -> {
                for (long o = start.get(p); o < l.size(); o++) {
                    Rec r = l.get((int) o);
                    if (r != null && r.group().equals(group)) {
                        latest.put(r.tp(), r.downstream());
                    }
                }
            });
            return latest;
        }

        /** Compaction: removes every record that a later one with the same key supersedes. */
        void compact() {
            records.values().forEach(l -> {
                for (int i = 0; i < l.size(); i++) {
                    Rec r = l.get(i);
                    if (r == null) {
                        continue;
                    }
                    for (int j = i + 1; j < l.size(); j++) {
                        Rec later = l.get(j);
                        if (later != null && later.group().equals(r.group()) && later.tp().equals(r.tp())) {
                            l.set(i, null);
                            break;
                        }
                    }
                }
            });
        }
    }

    /** What a reader does on a request: list start and end, read what {@link CheckpointFold#toRead} names. */
    private static void refresh(CheckpointFold fold, Log log) {
        Map<Integer, Long> end = log.end();
        fold.toRead(log.start, end).forEach((p, from) -> {
            for (long o = from; o < end.get(p); o++) {
                Rec r = log.records.get(p).get((int) o);
                if (r != null) {
                    fold.add(p, o, r.group(), r.tp(), r.downstream());
                }
            }
            fold.readUpTo(p, end.get(p));
        });
    }

    private static final TopicPartition ORDERS_0 = new TopicPartition("primary.orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("primary.orders", 1);

    @Test
    void keepsTheLatestCheckpointPerGroupAndPartition() {
        Log log = new Log(1);
        CheckpointFold fold = new CheckpointFold();
        log.append(0, new Rec("g1", ORDERS_0, 10));
        log.append(0, new Rec("g2", ORDERS_0, 5));
        refresh(fold, log);
        assertEquals(Map.of(ORDERS_0, 10L), fold.of("g1"));
        log.append(0, new Rec("g1", ORDERS_0, 20));
        log.append(0, new Rec("g1", ORDERS_1, 3));
        refresh(fold, log);
        assertEquals(Map.of(ORDERS_0, 20L, ORDERS_1, 3L), fold.of("g1"));
        assertEquals(Map.of(ORDERS_0, 5L), fold.of("g2"));
        assertEquals(Map.of(), fold.of("unknown"));
    }

    @Test
    void readsOnlyWhatWasAppendedSinceTheLastRead() {
        Log log = new Log(2);
        CheckpointFold fold = new CheckpointFold();
        log.append(0, new Rec("g1", ORDERS_0, 1));
        log.append(1, new Rec("g2", ORDERS_0, 1));
        log.append(1, new Rec("g2", ORDERS_0, 2));
        refresh(fold, log);
        assertEquals(Map.of(), fold.toRead(log.start, log.end()), "nothing new: nothing to read");
        log.append(1, new Rec("g2", ORDERS_0, 3));
        assertEquals(Map.of(1, 2L), fold.toRead(log.start, log.end()));
    }

    @Test
    void forgetsCheckpointsWhoseRecordsRetentionDeleted() {
        Log log = new Log(1);
        CheckpointFold fold = new CheckpointFold();
        log.append(0, new Rec("g1", ORDERS_0, 10));
        log.append(0, new Rec("g2", ORDERS_0, 5));
        log.append(0, new Rec("g1", ORDERS_1, 7));
        refresh(fold, log);
        log.start.put(0, 2L);
        refresh(fold, log);
        assertEquals(Map.of(ORDERS_1, 7L), fold.of("g1"));
        assertEquals(Map.of(), fold.of("g2"));
    }

    @Test
    void readsFromTheLogStartWhenItPassedWhatWasRead() {
        Log log = new Log(1);
        CheckpointFold fold = new CheckpointFold();
        log.append(0, new Rec("g1", ORDERS_0, 1));
        refresh(fold, log);
        for (int i = 2; i <= 6; i++) {
            log.append(0, new Rec("g1", ORDERS_0, i));
        }
        log.start.put(0, 4L);
        assertEquals(Map.of(0, 4L), fold.toRead(log.start, log.end()));
    }

    @Test
    void readsATruncatedPartitionAgainFromItsStart() {
        Log log = new Log(1);
        CheckpointFold fold = new CheckpointFold();
        log.append(0, new Rec("g1", ORDERS_0, 1));
        log.append(0, new Rec("g1", ORDERS_0, 2));
        refresh(fold, log);
        log.records.get(0).remove(1);
        refresh(fold, log);
        assertEquals(Map.of(ORDERS_0, 1L), fold.of("g1"));
    }

    @Test
    void clearForgetsEverything() {
        Log log = new Log(1);
        CheckpointFold fold = new CheckpointFold();
        log.append(0, new Rec("g1", ORDERS_0, 1));
        refresh(fold, log);
        fold.clear();
        assertEquals(Map.of(), fold.of("g1"));
        assertEquals(Map.of(0, 0L), fold.toRead(log.start, log.end()));
    }

    @Test
    void answersWhatAFullReadWouldAfterEveryStep() {
        Random random = new Random(42);
        List<String> groups = List.of("g1", "g2", "g3");
        List<TopicPartition> tps = List.of(ORDERS_0, ORDERS_1, new TopicPartition("primary.payments", 0));
        for (int run = 0; run < 50; run++) {
            Log log = new Log(3);
            CheckpointFold fold = new CheckpointFold();
            for (int step = 0; step < 60; step++) {
                int appended = random.nextInt(8);
                for (int i = 0; i < appended; i++) {
                    String g = groups.get(random.nextInt(groups.size()));
                    TopicPartition tp = tps.get(random.nextInt(tps.size()));
                    // the key decides the partition, as MM2's producer does
                    log.append(Math.floorMod((g + tp).hashCode(), 3), new Rec(g, tp, random.nextInt(1000)));
                }
                switch (random.nextInt(6)) {
                    case 0 -> log.compact();
                    case 1 -> {
                        int p = random.nextInt(3);
                        long end = log.records.get(p).size();
                        log.start.put(p, Math.min(end, log.start.get(p) + random.nextInt(4)));
                    }
                    default -> {
                    }
                }
                if (random.nextBoolean()) {
                    refresh(fold, log);
                    for (String g : groups) {
                        assertEquals(log.fullRead(g), fold.of(g), "run " + run + " step " + step + " group " + g);
                    }
                }
            }
        }
    }
}
