package io.kafkadr.bench;

import io.kafkadr.activities.connect.ConnectRestClient;
import io.kafkadr.activities.connect.MirrorConnectorConfigs;
import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.activities.kafka.Topics;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.MirrorConnector;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The runs of {@code drctl bench replication} against one pair: topics, producers, the MM2
 * connector on the target's Connect group, and the clean-up.
 */
final class ReplicationRuns implements AutoCloseable {

    static final String MEASURED = "per record of the latency run, the target broker's LogAppendTime of the copy "
            + "(the target topic is created with message.timestamp.type=LogAppendTime, which MM2's topic config sync "
            + "leaves alone) minus the source CreateTime the bench producer set at send() (also carried in the "
            + "value's first 8 bytes). Includes source producer batching (linger 5 ms), MM2's fetch, transform and "
            + "produce; excludes any target consumer.";
    static final String TOPIC_PREFIX = "bench.repl.";
    static final String CONNECTOR_PREFIX = "bench-";
    private static final String[] WORDS = ("order customer id amount currency EUR USD status shipped pending created "
            + "updated item sku quantity price warehouse region true false null street city").split(" ");

    private final PairConfig pair;
    private final Direction direction;
    private final ClusterConfig source;
    private final ClusterConfig target;
    private final KafkaClientConfigs clients;
    private final ConnectRestClient rest;
    private final MirrorConnectorConfigs mirrorConfigs;
    private final int size;
    private final int partitions;
    private final PrintStream log;
    private final Admin sourceAdmin;
    private final Admin targetAdmin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<byte[]> fillers = new ArrayList<>();
    private final List<String> topicsToDelete = new ArrayList<>();
    private final int targetRf;

    ReplicationRuns(PairConfig pair, Direction direction, KafkaClientConfigs clients, ConnectRestClient rest,
                    MirrorConnectorConfigs mirrorConfigs, int size, int partitions, PrintStream log) {
        this.pair = pair;
        this.direction = direction;
        this.source = pair.cluster(direction.source());
        this.target = pair.cluster(direction.target());
        this.clients = clients;
        this.rest = rest;
        this.mirrorConfigs = mirrorConfigs;
        this.size = size;
        this.partitions = partitions;
        this.log = log;
        this.sourceAdmin = Admin.create(clients.forCluster(source));
        this.targetAdmin = Admin.create(clients.forCluster(target));
        this.targetRf = replicationFactor(targetAdmin, target);
        requireConnect();
        removeLeftovers();
        Map<String, Object> p = clients.forCluster(source);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "kafka-dr-bench");
        // Kafka's defaults, not kafka-dr's short admin timeouts: a busy broker must slow the
        // bench down, not fail it.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        // Not idempotent: on an overloaded machine the idempotent producer's epoch bump after a
        // timed-out request was seen to loop on OUT_OF_ORDER_SEQUENCE_NUMBER. A retried batch may
        // duplicate records, so the bench counts what the source holds (end offsets), not what it sent.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        Random random = new Random(42);
        for (int i = 0; i < 256; i++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < size) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextBoolean() ? ' ' : ':')
                        .append(random.nextInt(100_000)).append(',');
            }
            fillers.add(text.substring(0, size).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Producing M records into the source cluster, first send to last ack. */
    ReplicationRow raw(String topic, long records) {
        createTopic(sourceAdmin, source, topic, Map.of());
        long started = System.nanoTime();
        produce(topic, records);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new ReplicationRow(ReplicationBench.RAW, records, records * size, seconds, null, null, 1.0, null, null,
                null, null, null);
    }

    /** connect-mirror's defaults: only what MM2 needs to run as kafka-dr deploys it (names, policy, tasks). */
    Map<String, String> defaultConfig(String topic) {
        Map<String, String> c = new LinkedHashMap<>();
        Map<String, String> tuned = tunedConfig(topic, Map.of());
        for (String key : List.of("connector.class", "name", "tasks.max", "source.cluster.alias", "target.cluster.alias",
                "source.cluster.bootstrap.servers", "target.cluster.bootstrap.servers", "key.converter",
                "value.converter", "header.converter", "replication.policy.class", "topics",
                "offset-syncs.topic.replication.factor")) {
            c.put(key, tuned.get(key));
        }
        tuned.forEach((k, v) -> {
            if (k.startsWith("source.cluster.") || k.startsWith("target.cluster.")) {
                c.put(k, v);
            }
        });
        c.put("tasks.max", Integer.toString(partitions));
        c.put("name", CONNECTOR_PREFIX + "default-" + topic.replace('.', '-'));
        return c;
    }

    /** kafka-dr's settings, as its replication workflow deploys them, plus {@code extra} on top. */
    Map<String, String> tunedConfig(String topic, Map<String, String> extra) {
        PairConfig one = new PairConfig(CONNECTOR_PREFIX + topic.replace('.', '-'), pair.primary(), pair.secondary(),
                pair.clusters(), null, null, null, pair.replication(), null, false, null)
                .withTopicNames(List.of(topic));
        Map<String, String> c = new LinkedHashMap<>(mirrorConfigs.build(one, direction, MirrorConnector.SOURCE,
                pair.replication().tasksFor(partitions), targetRf));
        c.putAll(extra);
        return c;
    }

    /** Throughput over a backlog of M records, then latency at {@code rate} for {@code latencySeconds}. */
    ReplicationRow mirror(String variant, String topic, Map<String, String> config, long records, double rawRate,
                          double rate, int latencySeconds, int timeoutSeconds) {
        String remote = pair.replication().remoteTopic(source.alias(), topic);
        createTopic(sourceAdmin, source, topic, Map.of());
        createTopic(targetAdmin, target, remote, Map.of("message.timestamp.type", "LogAppendTime"));
        log.printf("%s: producing a backlog of %d records into %s%n", variant, records, topic);
        produce(topic, records);
        String name = config.get("name");
        try (KafkaConsumer<byte[], byte[]> targetReader = reader(target);
             KafkaConsumer<byte[], byte[]> sourceReader = reader(source)) {
            List<TopicPartition> tps = partitions(remote);
            List<TopicPartition> sourceTps = partitions(topic);
            long expected = sum(sourceReader.endOffsets(sourceTps));
            log.printf("%s: deploying connector %s on %s%n", variant, name, target.connectUrl());
            long created = System.nanoTime();
            rest.putConfig(target.connect(), name, config);
            Long firstCopy = null;
            long copied = 0;
            long deadline = created + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (copied < expected && System.nanoTime() < deadline) {
                copied = sum(targetReader.endOffsets(tps));
                if (copied > 0 && firstCopy == null) {
                    firstCopy = System.nanoTime();
                }
                if (copied < expected) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
            }
            long done = System.nanoTime();
            double seconds = (done - created) / 1e9;
            if (copied < expected) {
                log.printf("%s: only %d of %d records copied after %d s%n", variant, copied, expected, timeoutSeconds);
            }
            Double start = firstCopy == null ? null : (firstCopy - created) / 1e9;
            Double copyRate = start == null || seconds <= start ? null : copied / (seconds - start);
            double ratio = copied / seconds / rawRate;
            if (latencySeconds == 0 || copied < expected) {
                return new ReplicationRow(variant, copied, copied * size, seconds, start, copyRate, ratio, null, null,
                        null, null, config);
            }
            Map<TopicPartition, Long> from = targetReader.endOffsets(tps);
            log.printf("%s: latency run, %.0f records/s for %d s%n", variant, rate, latencySeconds);
            long t0 = System.nanoTime();
            long acked = producePaced(topic, rate, latencySeconds);
            double achieved = acked / ((System.nanoTime() - t0) / 1e9);
            long sent = sum(sourceReader.endOffsets(sourceTps)) - expected;
            long[] latencies = new long[(int) sent];
            long got = readLatencies(targetReader, from, sent, latencies, timeoutSeconds);
            LatencyStats stats = got == 0 ? null : LatencyStats.of(java.util.Arrays.copyOf(latencies, (int) got));
            return new ReplicationRow(variant, copied, copied * size, seconds, start, copyRate, ratio, rate, achieved,
                    stats, sent - got, config);
        } finally {
            deleteConnector(name);
        }
    }

    private long readLatencies(KafkaConsumer<byte[], byte[]> reader, Map<TopicPartition, Long> from, long expected,
                               long[] out, int timeoutSeconds) {
        reader.assign(from.keySet());
        from.forEach(reader::seek);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int n = 0;
        while (n < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : reader.poll(java.time.Duration.ofMillis(500))) {
                if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
                    throw new IllegalStateException("target topic " + r.topic() + " has " + r.timestampType()
                            + " timestamps, not LogAppendTime: the latency would not be the target's append time");
                }
                if (n < out.length) {
                    out[n++] = r.timestamp() - ByteBuffer.wrap(r.value(), 0, 8).getLong();
                }
            }
        }
        if (n < expected) {
            log.printf("only %d of %d latency-run records on the target after %d s%n", n, expected, timeoutSeconds);
        }
        return n;
    }

    private void produce(String topic, long records) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (long i = 0; i < records && failure.get() == null; i++) {
            producer.send(new ProducerRecord<>(topic, null, value(i, System.currentTimeMillis())), (m, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("producing into " + topic + " failed: " + failure.get().getMessage(),
                    failure.get());
        }
    }

    /** Sends at {@code rate} records/s for {@code seconds}; each record's CreateTime is its send time. */
    private long producePaced(String topic, double rate, int seconds) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acked = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        for (long now = start; now < end && failure.get() == null; now = System.nanoTime()) {
            long due = (long) ((now - start) / 1e9 * rate);
            while (sent < due) {
                long ts = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(topic, null, ts, null, value(sent, ts)), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
                sent++;
            }
            LockSupport.parkNanos(200_000);
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("producing into " + topic + " failed: " + failure.get().getMessage(),
                    failure.get());
        }
        return acked.get();
    }

    private byte[] value(long seq, long sendMillis) {
        byte[] v = fillers.get((int) (seq & 255)).clone();
        ByteBuffer.wrap(v).putLong(sendMillis);
        return v;
    }

    private List<TopicPartition> partitions(String topic) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        return tps;
    }

    private KafkaConsumer<byte[], byte[]> reader(ClusterConfig cluster) {
        Map<String, Object> c = clients.forCluster(cluster);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "kafka-dr-bench-reader");
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Created by kafka-dr's one rule for topics (the pair's replication factor), like the topics of a failback. */
    private void createTopic(Admin admin, ClusterConfig cluster, String topic, Map<String, String> configs) {
        boolean created;
        try {
            created = Topics.createUnlessExists(admin, cluster, pair.replication(), topic, partitions, configs);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot create bench topic " + topic + ": " + rootMessage(e), e);
        }
        if (!created) {
            throw new IllegalStateException("bench topic " + topic + " exists already on '" + cluster.alias()
                    + "': delete it (an earlier bench left it) and run the bench again");
        }
        topicsToDelete.add((admin == sourceAdmin ? "S:" : "T:") + topic);
    }

    private void deleteConnector(String name) {
        try {
            rest.delete(target.connect(), name);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rest.status(target.connect(), name).isPresent() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        } catch (RuntimeException e) {
            log.println("could not delete connector " + name + " (delete it by hand: curl -X DELETE "
                    + target.connectUrl() + "/connectors/" + name + "): " + e.getMessage());
        }
    }

    /** Connectors and topics of an earlier bench that was killed before it could clean up. */
    private void removeLeftovers() {
        try {
            for (String name : rest.connectors(target.connect())) {
                if (name.startsWith(CONNECTOR_PREFIX) || name.startsWith("mm2-" + CONNECTOR_PREFIX)) {
                    log.println("deleting connector " + name + " left by an earlier bench");
                    deleteConnector(name);
                }
            }
            for (Admin admin : List.of(sourceAdmin, targetAdmin)) {
                List<String> old = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                        .filter(t -> t.startsWith(TOPIC_PREFIX)).toList();
                if (!old.isEmpty()) {
                    log.println("deleting " + old.size() + " bench topics left by an earlier bench: " + old);
                    admin.deleteTopics(old).all().get(60, TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            log.println("could not remove what an earlier bench left: " + rootMessage(e));
        }
    }

    private void requireConnect() {
        try {
            rest.status(target.connect(), "kafka-dr-bench-probe");
        } catch (RuntimeException e) {
            throw new IllegalStateException("the Connect group at " + target.connectUrl() + " does not answer: start "
                    + "the local stack (./drctl local up, same KAFKADR_PORTS) or fix --pair: " + e.getMessage(), e);
        }
    }

    private int replicationFactor(Admin admin, ClusterConfig cluster) {
        try {
            int brokers = admin.describeCluster().nodes().get(20, TimeUnit.SECONDS).size();
            return pair.replication().replicationFactorOn(brokers);
        } catch (Exception e) {
            throw new IllegalStateException("cluster '" + cluster.alias() + "' at " + cluster.bootstrapServers()
                    + " does not answer: start the local stack (./drctl local up, same KAFKADR_PORTS) or fix --pair: "
                    + rootMessage(e), e);
        }
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t.getCause() != null) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        producer.close();
        List<String> sourceTopics = new ArrayList<>();
        List<String> targetTopics = new ArrayList<>();
        topicsToDelete.forEach(t -> (t.startsWith("S:") ? sourceTopics : targetTopics).add(t.substring(2)));
        Map<Admin, List<String>> deletes = new HashMap<>();
        deletes.put(sourceAdmin, sourceTopics);
        deletes.put(targetAdmin, targetTopics);
        deletes.forEach((admin, topics) -> {
            try {
                if (!topics.isEmpty()) {
                    admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                log.println("could not delete bench topics " + topics + ": " + rootMessage(e));
            }
            admin.close();
        });
    }
}
