package io.kafkadr.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A producer that writes now and then: bursts of records to a topic, one kcat process per record
 * (so that kcat's own delivery report says which record was acknowledged), partitions in turn,
 * with a pause between bursts. Each record is keyed and carries {@code dr.id=<prefix>-<n>}; a
 * record counts as acknowledged when kcat exits 0 having printed its delivery report
 * ({@code -vvv}: "Message delivered to partition ..."). kcat waits up to {@code message.timeout.ms}
 * for a partition that is missing (a topic deleted and not yet recreated), as a producer whose
 * retries outlast a deletion does.
 */
final class KcatBursts implements AutoCloseable {

    private final String bootstrap;
    private final String topic;
    private final String prefix;
    private final int partitions;
    private final int perBurst;
    private final Duration pause;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private KcatBursts(String bootstrap, String topic, String prefix, int partitions, int perBurst, Duration pause) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.prefix = prefix;
        this.partitions = partitions;
        this.perBurst = perBurst;
        this.pause = pause;
        this.thread = new Thread(this::write, "kcat-bursts");
    }

    static KcatBursts start(String bootstrap, String topic, String prefix, int partitions, int perBurst, Duration pause) {
        KcatBursts bursts = new KcatBursts(bootstrap, topic, prefix, partitions, perBurst, pause);
        bursts.thread.setDaemon(true);
        bursts.thread.start();
        return bursts;
    }

    private void write() {
        long n = 0;
        while (running.get()) {
            for (int i = 0; i < perBurst; i++, n++) {
                String id = prefix + "-" + n;
                (produce(id, (int) (n % partitions)) ? acknowledged : refused).add(id);
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean produce(String id, int partition) {
        try {
            Process p = new ProcessBuilder(List.of("kcat", "-P", "-b", bootstrap, "-t", topic, "-p",
                    Integer.toString(partition), "-k", id, "-H", "dr.id=" + id, "-H", "dr.seq=0", "-H",
                    "dr.producer=" + prefix, "-X", "acks=all", "-X", "message.timeout.ms=90000", "-vvv"))
                    .redirectErrorStream(true).start();
            p.getOutputStream().write(("now-and-then " + id + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0 && out.contains("Message delivered to partition " + partition);
        } catch (IOException e) {
            throw new AssertionError("cannot run kcat (is the Debian package kcat installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops after the record in flight; returns the ids kcat reported delivered. */
    Set<String> stop() throws InterruptedException {
        running.set(false);
        thread.join(TimeUnit.MINUTES.toMillis(3));
        return Set.copyOf(acknowledged);
    }

    /** Records kcat reported as not delivered (they were never acknowledged: nothing to keep). */
    Set<String> refused() {
        return Set.copyOf(refused);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
