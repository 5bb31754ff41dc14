package io.kafkadr.bench;

import io.kafkadr.bench.FailoverBenchRunner.Moves;
import io.kafkadr.bench.FailoverFigures.Interval;
import io.kafkadr.bench.FailoverFigures.Kind;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.mirror.Checkpoint;

/**
 * The seed's runbook (MSK + MirrorMaker 2 DR, step 7 "Fail over clients to the secondary
 * Region"), scripted as fast as a machine can do it: MM2 deployed through Connect REST with its
 * own defaults (checkpoints and group-offset sync every 60 s, {@code offset.lag.max} 100), every
 * consumer stopped on the primary and started on the secondary, then the producer stopped,
 * replication drained, the producer started on the secondary. All groups move at once.
 *
 * <p>{@code safe}: a group starts on the secondary only once MM2 relied on alone has synced, for
 * every partition, an offset at least as new as the one it committed when it stopped (a
 * checkpoint with that upstream offset, and the secondary's group committed at least at its
 * downstream offset). Otherwise ({@code fast}) it starts at once on whatever MM2 had synced.
 * A group MM2 has not checkpointed at its stop position within {@link #SYNC_PATIENCE} never will
 * be (see there): once the producer has stopped and replication drained, it is restarted on the
 * primary, reads to the end, stops again, and moves once MM2 checkpointed and synced that end;
 * the run says so in its notes.
 */
final class RunbookVariant implements FailoverBenchRunner.Variant {

    /** The runbook's custom policy keeps topic names: ours does the same (MM2's IdentityReplicationPolicy). */
    static final String IDENTITY_POLICY = "io.kafkadr.replication.policy.DrIdentityReplicationPolicy";
    static final String BYTES = "org.apache.kafka.connect.converters.ByteArrayConverter";
    /**
     * How long a stopped group waits for MM2's checkpoint of its stop position: one of MM2's 60 s
     * checkpoint intervals and a margin. Observed on Kafka 4.3.1: MM2 emits a checkpoint only when
     * its translated offset advances, and its translation of a fixed offset only coarsens as new
     * records arrive (older offset syncs are thinned out), so a checkpoint not emitted by then
     * never is.
     */
    static final Duration SYNC_PATIENCE = Duration.ofSeconds(65);
    /** How long a checkpointed group may wait for MM2's group-offset sync (its own 60 s timer). */
    static final Duration SYNC_TIMEOUT = Duration.ofMinutes(3);
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);

    private final boolean safe;
    private final ConnectRest connect;
    private final Map<String, String> bootstrap;
    private final BenchKafka kafka;
    private final ClientCommands apps;
    private final FailoverBenchRunner runner;
    private final PrintStream progress;

    RunbookVariant(boolean safe, ConnectRest connect, Map<String, String> bootstrap, BenchKafka kafka, ClientCommands apps,
                   FailoverBenchRunner runner, PrintStream progress) {
        this.safe = safe;
        this.connect = connect;
        this.bootstrap = bootstrap;
        this.kafka = kafka;
        this.apps = apps;
        this.runner = runner;
        this.progress = progress;
    }

    /** Source, checkpoint and heartbeat connectors with MM2's defaults; only what one broker and the groups need is set. */
    static Map<String, Map<String, String>> connectorConfigs(BenchSetup s, Map<String, String> bootstrap) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String kind : List.of("source", "checkpoint", "heartbeat")) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("connector.class", "org.apache.kafka.connect.mirror.Mirror" + Character.toUpperCase(kind.charAt(0))
                    + kind.substring(1) + "Connector");
            c.put("tasks.max", kind.equals("source") ? Integer.toString(s.partitions()) : "1");
            c.put("source.cluster.alias", s.from());
            c.put("target.cluster.alias", s.to());
            c.put("source.cluster.bootstrap.servers", bootstrap.get(s.from()));
            c.put("target.cluster.bootstrap.servers", bootstrap.get(s.to()));
            c.put("key.converter", BYTES);
            c.put("value.converter", BYTES);
            c.put("header.converter", BYTES);
            c.put("replication.policy.class", IDENTITY_POLICY);
            // one broker per cluster here: MM2's default replication factor 3 cannot be created
            c.put("replication.factor", "1");
            c.put("offset-syncs.topic.replication.factor", "1");
            c.put("checkpoints.topic.replication.factor", "1");
            c.put("heartbeats.topic.replication.factor", "1");
            switch (kind) {
                case "source" -> c.put("topics", s.topic().replace(".", "\\."));
                case "checkpoint" -> {
                    c.put("groups", String.join(",", s.groupIds()));
                    c.put("sync.group.offsets.enabled", "true");
                }
                default -> {
                }
            }
            out.put(s.connectorPrefix() + "-" + kind, c);
        }
        return out;
    }

    @Override
    public void replicate(BenchSetup s) {
        connectorConfigs(s, bootstrap).forEach(connect::put);
        runner.await("MM2's connectors run", () -> connectorConfigs(s, bootstrap).keySet().stream().allMatch(connect::running));
    }

    @Override
    public Moves failover(BenchSetup s, long trigger) {
        List<Interval> intervals = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> startIssued = new ConcurrentHashMap<>();
        Map<String, Long> stops = new ConcurrentHashMap<>();
        Map<String, Map<Integer, Long>> unsynced = new ConcurrentHashMap<>();
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        CheckpointView checkpoints = new CheckpointView(kafka, s.to(), s.topic());
        FailoverBenchRunner.parallel(s.groupIds(), g -> {
            long t0 = System.currentTimeMillis();
            stops.put(g, t0);
            apps.run(ClientCommands.stopConsumer(g));
            long t1 = System.currentTimeMillis();
            intervals.add(new Interval(Kind.CLIENT_STOP, "stop consumer " + g, t0, t1));
            if (safe) {
                Map<Integer, Long> atStop = kafka.committed(s.from(), g, s.topic());
                if (!awaitSynced(s, g, atStop, checkpoints, SYNC_PATIENCE)) {
                    unsynced.put(g, atStop);
                    return;
                }
                progress.printf("[bench] %s: %s synced by MM2 %.1f s after its stop%n", s.variant(), g,
                        (System.currentTimeMillis() - t1) / 1000.0);
            }
            startConsumer(s, g, startIssued);
        });
        long p0 = System.currentTimeMillis();
        apps.run(ClientCommands.stopProducer(s.producer()));
        long p1 = System.currentTimeMillis();
        intervals.add(new Interval(Kind.CLIENT_STOP, "stop producer", p0, p1));
        Map<Integer, Long> sourceEnd = kafka.endOffsets(s.from(), s.topic(), s.partitions());
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (!drained(sourceEnd, kafka.endOffsets(s.to(), s.topic(), s.partitions()))) {
            if (System.nanoTime() > deadline) {
                notes.add("replication did not drain within " + DRAIN_TIMEOUT.toSeconds() + " s; producer moved anyway");
                break;
            }
            ConnectRest.sleep(200);
        }
        long p2 = System.currentTimeMillis();
        intervals.add(new Interval(Kind.DRAIN, "drain replication", p1, p2));
        if (!unsynced.isEmpty()) {
            notes.add(unsynced.size() + " group(s) got no MM2 checkpoint of their stop position within "
                    + SYNC_PATIENCE.toSeconds() + " s (" + String.join(", ", new java.util.TreeSet<>(unsynced.keySet()))
                    + "); after the producer stopped each was restarted on " + s.from() + ", read to the end, "
                    + "stopped, and started on " + s.to() + " once MM2 had checkpointed and synced that end");
            FailoverBenchRunner.parallel(new ArrayList<>(unsynced.keySet()), g -> {
                // the only MM2-only way left: the group reads the primary to its end (nothing new arrives
                // now), stops there, and MM2 checkpoints and syncs that end position
                long r0 = System.currentTimeMillis();
                apps.run(ClientCommands.startConsumer(g, s.topic(), s.from()));
                runner.await(g + " caught up on " + s.from(), () -> drained(sourceEnd, kafka.committed(s.from(), g, s.topic())));
                long r1 = System.currentTimeMillis();
                intervals.add(new Interval(Kind.CLIENT_START, "restart consumer " + g + " on " + s.from() + " to its end", r0, r1));
                apps.run(ClientCommands.stopConsumer(g));
                intervals.add(new Interval(Kind.CLIENT_STOP, "stop consumer " + g + " again", r1, System.currentTimeMillis()));
                Map<Integer, Long> atEnd = kafka.committed(s.from(), g, s.topic());
                if (!awaitSynced(s, g, atEnd, checkpoints, SYNC_PATIENCE.plus(SYNC_PATIENCE))) {
                    throw new IllegalStateException(g + ": MM2 did not sync an offset as new as the end it stopped at ("
                            + atEnd + ") even with the producer stopped");
                }
                progress.printf("[bench] %s: %s synced by MM2 after the producer stopped%n", s.variant(), g);
                startConsumer(s, g, startIssued);
            });
        }
        startIssued.put("producer " + s.producer(), System.currentTimeMillis());
        apps.run(ClientCommands.startProducer(s.producer(), s.topic(), s.rate(), s.to()));
        return new Moves(new ArrayList<>(intervals), startIssued, List.of(), stops, null, null, new ArrayList<>(notes));
    }

    private void startConsumer(BenchSetup s, String g, Map<String, Long> startIssued) {
        startIssued.put("consumer " + g, System.currentTimeMillis());
        apps.run(ClientCommands.startConsumer(g, s.topic(), s.to()));
    }

    /** Source end offsets reached on the target (identity policy, fresh topics: the offsets line up one to one). */
    static boolean drained(Map<Integer, Long> sourceEnd, Map<Integer, Long> targetEnd) {
        return sourceEnd.entrySet().stream().allMatch(e -> targetEnd.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /**
     * Whether MM2 synced the group's offsets as far as {@code atStop}: false when no checkpoint
     * as new as that appeared within {@code patience}; once one has, its sync is waited for up to
     * {@link #SYNC_TIMEOUT} (MM2 syncs on its own timer).
     */
    private boolean awaitSynced(BenchSetup s, String group, Map<Integer, Long> atStop, CheckpointView checkpoints,
                                Duration patience) {
        long start = System.nanoTime();
        while (true) {
            Map<Integer, Long> needed = neededDownstream(checkpoints.forGroup(group), atStop);
            if (needed != null && synced(needed, kafka.committed(s.to(), group, s.topic()))) {
                return true;
            }
            long waited = System.nanoTime() - start;
            if ((needed == null && waited > patience.toNanos()) || waited > SYNC_TIMEOUT.toNanos()) {
                return false;
            }
            ConnectRest.sleep(500);
        }
    }

    /**
     * Per partition, the downstream offset of MM2's first checkpoint whose upstream offset is at
     * least the group's committed offset at its stop; null while some partition has none.
     */
    static Map<Integer, Long> neededDownstream(List<Checkpoint> checkpoints, Map<Integer, Long> atStop) {
        Map<Integer, Long> needed = new HashMap<>();
        for (Map.Entry<Integer, Long> e : atStop.entrySet()) {
            Long down = checkpoints.stream()
                    .filter(c -> c.topicPartition().partition() == e.getKey() && c.upstreamOffset() >= e.getValue())
                    .map(Checkpoint::downstreamOffset).min(Long::compare).orElse(null);
            if (down == null) {
                return null;
            }
            needed.put(e.getKey(), down);
        }
        return needed;
    }

    static boolean synced(Map<Integer, Long> needed, Map<Integer, Long> committedOnTarget) {
        return needed.entrySet().stream().allMatch(e -> committedOnTarget.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    /** MM2's checkpoints for one topic on the target, read at most every 500 ms however many groups ask. */
    static final class CheckpointView {
        private final BenchKafka kafka;
        private final String cluster;
        private final String topic;
        private List<Checkpoint> last = List.of();
        private long readAt;

        CheckpointView(BenchKafka kafka, String cluster, String topic) {
            this.kafka = kafka;
            this.cluster = cluster;
            this.topic = topic;
        }

        synchronized List<Checkpoint> forGroup(String group) {
            if (System.currentTimeMillis() - readAt >= 500) {
                last = kafka.checkpoints(cluster, topic);
                readAt = System.currentTimeMillis();
            }
            return last.stream().filter(c -> c.consumerGroupId().equals(group)).toList();
        }
    }
}
