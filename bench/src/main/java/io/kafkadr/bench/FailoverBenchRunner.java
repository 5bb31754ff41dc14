package io.kafkadr.bench;

import io.kafkadr.bench.FailoverFigures.Ack;
import io.kafkadr.bench.FailoverFigures.GroupFigures;
import io.kafkadr.bench.FailoverFigures.Interval;
import io.kafkadr.bench.FailoverFigures.Kind;
import io.kafkadr.bench.FailoverFigures.Overhead;
import io.kafkadr.bench.FailoverFigures.ProducerFigures;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * One run of one variant, always the same shape: fresh topic, producer and groups on the primary,
 * replication set up (by the variant), steady state (every group's offsets synced to the
 * secondary at least once), trigger, the variant's failover, traffic on the secondary until every
 * group consumed everything acknowledged, figures from the clients' ledgers, tear-down.
 */
final class FailoverBenchRunner {

    /** How long the primary's groups may take to commit their first offsets, and MM2 to sync them. */
    static final Duration STEADY_TIMEOUT = Duration.ofMinutes(4);
    /** Traffic on the new cluster after the failover, before the producer stops. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    /** How long the groups may take to read what the producer acknowledged. */
    static final Duration CATCH_UP = Duration.ofMinutes(2);

    /** A variant's failover proper; returns what it measured (intervals resolved against the ledgers later). */
    interface Variant {
        void replicate(BenchSetup s);

        Moves failover(BenchSetup s, long triggerMillis);
    }

    /**
     * @param intervals   client and drain intervals known when the failover returns
     * @param startIssued per client ("consumer G", "producer P"), when its start on the new cluster was issued:
     *                    its start interval ends at its first ledger line there (scripted runbook only)
     * @param groupMoves  per group, its move (kafka-dr: from its timeline)
     * @param groupStops  per group, when its stop was issued (scripted runbook: the move ends at its first consumption)
     */
    record Moves(List<Interval> intervals, Map<String, Long> startIssued, List<Interval> groupMoves,
                 Map<String, Long> groupStops, Long workflowRtoMillis, String workflowId, List<String> notes) {
    }

    private final BenchKafka kafka;
    private final ClientCommands apps;
    private final BenchLedgers ledgers;
    private final List<ConnectRest> connects;
    private final PrintStream progress;

    FailoverBenchRunner(BenchKafka kafka, ClientCommands apps, BenchLedgers ledgers, List<ConnectRest> connects,
                        PrintStream progress) {
        this.kafka = kafka;
        this.apps = apps;
        this.ledgers = ledgers;
        this.connects = connects;
        this.progress = progress;
    }

    VariantResult run(BenchSetup s, Variant variant) {
        progress.printf("[bench] %s: run %s, %d group(s), topic %s%n", s.variant(), s.runId(), s.groups(), s.topic());
        try {
            // groups keep their names across runs: none may carry offsets from an earlier, interrupted one
            parallel(s.groupIds(), g -> apps.run(ClientCommands.stopConsumer(g)));
            kafka.deleteGroups(s.from(), s.groupIds());
            kafka.deleteGroups(s.to(), s.groupIds());
            kafka.createTopic(s.from(), s.topic(), s.partitions());
            apps.run(ClientCommands.startProducer(s.producer(), s.topic(), s.rate(), s.from()));
            parallel(s.groupIds(), g -> apps.run(ClientCommands.startConsumer(g, s.topic(), s.from())));
            await("every group commits on " + s.from(), () -> allCommitted(s, s.from()));
            variant.replicate(s);
            await("MM2 synced every group's offsets to " + s.to(), () -> allCommitted(s, s.to()));
            progress.printf("[bench] %s: steady state reached, failing over%n", s.variant());
            long trigger = System.currentTimeMillis();
            Moves moves = variant.failover(s, trigger);
            progress.printf("[bench] %s: failover done in %.1f s; traffic on %s until every group caught up%n",
                    s.variant(), (System.currentTimeMillis() - trigger) / 1000.0, s.to());
            // the scripted runbook only launches the producer: its first acknowledgement there makes it healthy
            await("the producer acknowledges on " + s.to(), () -> ledgers.acks(s.producer(), s.topic()).stream()
                    .anyMatch(a -> a.cluster().equals(s.to())));
            ConnectRest.sleep(SETTLE.toMillis());
            apps.run(ClientCommands.stopProducer(s.producer()));
            awaitCaughtUp(s);
            parallel(s.groupIds(), g -> apps.run(ClientCommands.stopConsumer(g)));
            return figures(s, trigger, moves);
        } catch (RuntimeException e) {
            progress.printf("[bench] %s FAILED: %s%n", s.variant(), e.getMessage());
            return VariantResult.failed(s, e.getMessage());
        } finally {
            tearDown(s);
        }
    }

    private VariantResult figures(BenchSetup s, long trigger, Moves moves) {
        List<Ack> acks = ledgers.acks(s.producer(), s.topic());
        ProducerFigures producer = FailoverFigures.producer(acks, s.from(), s.to());
        List<GroupFigures> groups = new ArrayList<>();
        List<Interval> intervals = new ArrayList<>(moves.intervals());
        List<Interval> groupMoves = new ArrayList<>(moves.groupMoves());
        for (String g : s.groupIds()) {
            GroupFigures f = FailoverFigures.group(g, acks, ledgers.consumed(g, s.topic()), s.from(), s.to());
            groups.add(f);
            Long issued = moves.startIssued().get("consumer " + g);
            if (issued != null && f.firstOnTo() >= issued) {
                intervals.add(new Interval(Kind.CLIENT_START, "start consumer " + g, issued, f.firstOnTo()));
            }
            Long stopped = moves.groupStops().get(g);
            if (stopped != null && f.firstOnTo() >= stopped) {
                groupMoves.add(new Interval(Kind.CLIENT_START, "move " + g, stopped, f.firstOnTo()));
            }
        }
        Long issued = moves.startIssued().get("producer " + s.producer());
        if (issued != null && producer.firstAckOnTo() >= issued) {
            intervals.add(new Interval(Kind.CLIENT_START, "start producer", issued, producer.firstAckOnTo()));
        }
        Overhead o = FailoverFigures.overhead(trigger, producer.firstAckOnTo(), intervals, groupMoves);
        List<Long> pauses = groups.stream().map(GroupFigures::readPauseMillis).sorted().toList();
        long maxPause = pauses.stream().anyMatch(p -> p < 0) ? -1 : pauses.get(pauses.size() - 1);
        long medianPause = pauses.get(pauses.size() / 2);
        return new VariantResult(s.variant(), s.runId(), s.topic(), s.groups(), null, o.rtoMillis(),
                producer.writeOutageMillis(), maxPause, medianPause, producer.acked(),
                groups.stream().mapToLong(GroupFigures::lost).sum(), groups.stream().mapToLong(GroupFigures::duplicates).sum(),
                o.clientMillis(), o.drainMillis(), o.overheadMillis(), o.waves(), o.overheadPerWaveMillis(),
                moves.workflowRtoMillis(), moves.workflowId(), groups, moves.notes(), 1);
    }

    private boolean allCommitted(BenchSetup s, String cluster) {
        for (String g : s.groupIds()) {
            if (kafka.committed(cluster, g, s.topic()).size() < s.partitions()) {
                return false;
            }
        }
        return true;
    }

    /** Until every group has consumed every record the producer acknowledged (or {@link #CATCH_UP} passed). */
    private void awaitCaughtUp(BenchSetup s) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            List<Ack> acks = ledgers.acks(s.producer(), s.topic());
            boolean all = s.groupIds().stream().allMatch(g ->
                    FailoverFigures.group(g, acks, ledgers.consumed(g, s.topic()), s.from(), s.to()).lost() == 0);
            if (all) {
                return;
            }
            ConnectRest.sleep(1000);
        }
        progress.printf("[bench] %s: not every group caught up within %d s; the records left are counted as lost%n",
                s.variant(), CATCH_UP.toSeconds());
    }

    /** Every app, connector, topic and group of the run gone, so the next run starts clean. */
    private void tearDown(BenchSetup s) {
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> apps.run(ClientCommands.stopProducer(s.producer())));
        steps.add(() -> parallel(s.groupIds(), g -> apps.run(ClientCommands.stopConsumer(g))));
        for (ConnectRest c : connects) {
            steps.add(() -> c.list().stream().filter(n -> n.startsWith(s.connectorPrefix())).forEach(c::delete));
        }
        for (String cluster : List.of(s.from(), s.to())) {
            steps.add(() -> kafka.deleteTopic(cluster, s.topic()));
            steps.add(() -> kafka.deleteGroups(cluster, s.groupIds()));
        }
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                progress.println("[bench] tear-down of " + s.runId() + ": " + e.getMessage());
            }
        }
    }

    void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + STEADY_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting until " + what + " after " + STEADY_TIMEOUT.toSeconds() + " s");
            }
            ConnectRest.sleep(500);
        }
    }

    /** Runs {@code action} for every item at once (as a machine would), failing if any failed. */
    static <T> void parallel(List<T> items, java.util.function.Consumer<T> action) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, items.size()));
        try {
            List<Future<?>> futures = items.stream().map(i -> pool.submit(() -> action.accept(i))).<Future<?>>map(f -> f).toList();
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
