package io.kafkadr.local.apps;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One consumer group of the {@link GroupFarm}: at most one consumer thread, started on a
 * cluster and stopped on request. Each poll's records are appended to the group's ledger (if
 * any) and then committed: at-least-once, like {@link SampleConsumer}. Stopping commits what a
 * failed commit left behind, closes the consumer (it leaves the group at once) and waits for
 * the thread to end.
 */
final class FarmGroup implements FarmApi.Group {

    /** Small fetches: a farm of a thousand groups must stay lightweight. */
    static final int MAX_PARTITION_FETCH_BYTES = 16 * 1024;
    static final int FETCH_MAX_BYTES = 64 * 1024;
    static final int MAX_POLL_RECORDS = 100;
    static final Duration POLL = Duration.ofMillis(500);
    static final Duration CLOSE = Duration.ofSeconds(5);
    static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final String group;
    private final String topic;
    private final Ledger ledger;
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private Run run;

    /** @param ledger where consumed records are appended, or null for none */
    FarmGroup(String group, String topic, Ledger ledger) {
        this.group = group;
        this.topic = topic;
        this.ledger = ledger;
    }

    @Override
    public String name() {
        return group;
    }

    @Override
    public synchronized void start(String cluster, String bootstrapServers) {
        if (run != null && run.alive() && run.cluster.equals(cluster) && run.bootstrap.equals(bootstrapServers)) {
            return;
        }
        stop();
        run = new Run(cluster, bootstrapServers);
        run.thread.start();
    }

    @Override
    public synchronized boolean stop() {
        if (run == null) {
            return true;
        }
        boolean ended = run.stop();
        if (ended) {
            run = null;
        }
        return ended;
    }

    /** Asks the consumer to stop without waiting, so a whole farm closes its consumers at once. */
    synchronized void signalStop() {
        if (run != null) {
            run.signal();
        }
    }

    @Override
    public synchronized Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        boolean running = run != null && run.alive();
        s.put("group", group);
        s.put("topic", topic);
        s.put("cluster", running ? run.cluster : null);
        s.put("bootstrapServers", running ? run.bootstrap : null);
        s.put("running", running);
        s.put("committedSinceStart", running && run.committed);
        s.put("consumed", consumed.get());
        s.put("commits", commits.get());
        s.put("lastError", lastError.get());
        return s;
    }

    /** One consumer thread on one cluster. */
    private final class Run implements Runnable {
        final String cluster;
        final String bootstrap;
        final Thread thread;
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicReference<KafkaConsumer<byte[], byte[]>> consumer = new AtomicReference<>();
        volatile boolean stopping;
        volatile boolean committed;
        /** Records in the ledger whose offsets are not committed yet (only after a failed commit). */
        boolean dirty;

        Run(String cluster, String bootstrap) {
            this.cluster = cluster;
            this.bootstrap = bootstrap;
            this.thread = new Thread(this, "farm-" + group);
            this.thread.setDaemon(true);
        }

        boolean alive() {
            return done.getCount() > 0;
        }

        void signal() {
            stopping = true;
            KafkaConsumer<byte[], byte[]> c = consumer.get();
            if (c != null) {
                c.wakeup();
            }
        }

        boolean stop() {
            signal();
            try {
                return done.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void run() {
            KafkaConsumer<byte[], byte[]> c = null;
            try {
                c = new KafkaConsumer<>(properties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
                consumer.set(c);
                if (stopping) {
                    return;
                }
                c.subscribe(List.of(topic));
                while (!stopping) {
                    ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        if (ledger != null) {
                            ledger.append(RecordIds.header(r.headers(), RecordIds.ID), cluster, r.topic(), r.partition(),
                                    r.offset());
                        }
                    }
                    consumed.addAndGet(records.count());
                    dirty |= !records.isEmpty();
                    if (dirty || !committed) {
                        commit(c);
                    }
                }
            } catch (WakeupException e) {
                // stop requested
            } catch (KafkaException e) {
                lastError.set(e.toString());
                System.err.println(group + " on " + cluster + ": " + e);
            } finally {
                if (c != null) {
                    try {
                        if (stopping && dirty) {
                            commit(c);
                        }
                    } catch (RuntimeException e) {
                        lastError.set(e.toString());
                    }
                    c.close(CLOSE);
                }
                done.countDown();
            }
        }

        private void commit(KafkaConsumer<byte[], byte[]> c) {
            if (c.assignment().isEmpty()) {
                return;
            }
            try {
                c.commitSync();
                commits.incrementAndGet();
                committed = true;
                dirty = false;
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                // a rebalance in flight: the records are in the ledger and will be read again (at-least-once)
                lastError.set(e.toString());
            }
        }

        private Map<String, Object> properties() {
            return Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.CLIENT_ID_CONFIG, "farm-" + group,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_PARTITION_FETCH_BYTES,
                    ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_MAX_BYTES,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS,
                    ConsumerConfig.RECEIVE_BUFFER_CONFIG, 64 * 1024,
                    ConsumerConfig.SEND_BUFFER_CONFIG, 16 * 1024);
        }
    }
}
