package io.kafkadr.bench;

import io.kafkadr.bench.FailoverBenchRunner.Moves;
import io.kafkadr.bench.FailoverFigures.Interval;
import io.kafkadr.bench.FailoverFigures.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor: what nothing can beat with these clients. Replication exactly as kafka-dr sets it up
 * (the same generated pair and {@code ReplicationSetupWorkflow}, so the same MM2 configuration);
 * then every client stopped at once, replication drained, each group's committed offsets written
 * to the secondary in one {@code alterConsumerGroupOffsets} (identity names and a fresh topic, so
 * source and target offsets line up one to one: no translation, no search), every client started
 * at once on the secondary. No pre-check, no verification, no lock, no workflow.
 */
final class BareVariant implements FailoverBenchRunner.Variant {

    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
    /** How often the drain compares end offsets: short, the floor should not wait on its own polling. */
    static final long DRAIN_POLL_MILLIS = 50;

    private final KafkaDrVariant replication;
    private final BenchKafka kafka;
    private final ClientCommands apps;

    /** @param replication sets up MM2 as kafka-dr does (its failover is not used) */
    BareVariant(KafkaDrVariant replication, BenchKafka kafka, ClientCommands apps) {
        this.replication = replication;
        this.kafka = kafka;
        this.apps = apps;
    }

    @Override
    public void replicate(BenchSetup s) {
        replication.replicate(s);
    }

    @Override
    public Moves failover(BenchSetup s, long trigger) {
        List<String> notes = new ArrayList<>();
        Map<String, List<String>> stop = new HashMap<>();
        Map<String, List<String>> start = new HashMap<>();
        stop.put("producer " + s.producer(), ClientCommands.stopProducer(s.producer()));
        start.put("producer " + s.producer(), ClientCommands.startProducer(s.producer(), s.topic(), s.rate(), s.to()));
        for (String g : s.groupIds()) {
            stop.put("consumer " + g, ClientCommands.stopConsumer(g));
            start.put("consumer " + g, ClientCommands.startConsumer(g, s.topic(), s.to()));
        }
        List<String> clients = new ArrayList<>(stop.keySet());

        long t0 = System.currentTimeMillis();
        FailoverBenchRunner.parallel(clients, c -> apps.run(stop.get(c)));
        long t1 = System.currentTimeMillis();
        Map<String, Long> stops = new HashMap<>();
        s.groupIds().forEach(g -> stops.put(g, t0));

        Map<Integer, Long> sourceEnd = kafka.endOffsets(s.from(), s.topic(), s.partitions());
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (!RunbookVariant.drained(sourceEnd, kafka.endOffsets(s.to(), s.topic(), s.partitions()))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replication of " + s.topic() + " did not drain within "
                        + DRAIN_TIMEOUT.toSeconds() + " s (source end " + sourceEnd + "); is MM2 running? "
                        + "see 'drctl local status' and the Connect logs in .local/logs/");
            }
            ConnectRest.sleep(DRAIN_POLL_MILLIS);
        }
        long t2 = System.currentTimeMillis();

        FailoverBenchRunner.parallel(s.groupIds(), g -> kafka.alterOffsets(s.to(), g, s.topic(),
                kafka.committed(s.from(), g, s.topic())));
        long t3 = System.currentTimeMillis();
        notes.add(String.format("offsets of %d group(s) written to %s in %.3f s", s.groups(), s.to(), (t3 - t2) / 1000.0));

        Map<String, Long> startIssued = new ConcurrentHashMap<>();
        FailoverBenchRunner.parallel(clients, c -> {
            startIssued.put(c, System.currentTimeMillis());
            apps.run(start.get(c));
        });
        List<Interval> intervals = List.of(new Interval(Kind.CLIENT_STOP, "stop every client", t0, t1),
                new Interval(Kind.DRAIN, "drain replication", t1, t2));
        return new Moves(intervals, startIssued, List.of(), stops, null, null, notes);
    }
}
