package io.kafkadr.local.apps;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Produces records at a steady rate, each with a unique id and a per-producer sequence number
 * in its headers, and appends every acknowledged record to its ledger:
 * {@code id, sequence, cluster, topic, partition, offset, ackedAtMillis} (the last column, added for
 * benchmarks, is absent from older ledgers). Restarted (on either cluster) it
 * continues the sequence from its ledger.
 */
@Command(name = "sample-producer", mixinStandardHelpOptions = true)
public class SampleProducer implements Callable<Integer> {

    @Mixin
    AppOptions app;
    @Option(names = "--name", defaultValue = "p1", description = "producer name, the prefix of record ids")
    String name;
    @Option(names = "--rate", defaultValue = "50", description = "records per second")
    int rate;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        long sequence = nextSequence();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "sample-producer-" + name);
        System.out.println("producing to " + app.topic + " on " + app.cluster + " (" + app.bootstrap + ") at " + rate
                + " records/s from sequence " + sequence);
        try (Ledger ledger = new Ledger(app.ledgerFile);
             KafkaProducer<String, String> producer = new KafkaProducer<>(app.withSecurity(props), new StringSerializer(), new StringSerializer())) {
            long intervalNanos = 1_000_000_000L / Math.max(1, rate);
            long next = System.nanoTime();
            while (running.get()) {
                send(producer, ledger, sequence++);
                next += intervalNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            producer.flush();
        } finally {
            finished.countDown();
        }
        return 0;
    }

    private void send(KafkaProducer<String, String> producer, Ledger ledger, long sequence) {
        String id = RecordIds.id(name, sequence);
        ProducerRecord<String, String> record = new ProducerRecord<>(app.topic, "key-" + (sequence % 32),
                "{\"id\":\"" + id + "\",\"seq\":" + sequence + ",\"ts\":" + System.currentTimeMillis() + "}");
        record.headers().add(RecordIds.ID, id.getBytes(StandardCharsets.UTF_8));
        record.headers().add(RecordIds.SEQUENCE, Long.toString(sequence).getBytes(StandardCharsets.UTF_8));
        record.headers().add(RecordIds.PRODUCER, name.getBytes(StandardCharsets.UTF_8));
        producer.send(record, (meta, error) -> {
            if (error == null) {
                ledger.append(id, sequence, app.cluster, meta.topic(), meta.partition(), meta.offset(),
                        System.currentTimeMillis());
            } else {
                System.err.println("not acknowledged: " + id + ": " + error);
            }
        });
    }

    private long nextSequence() {
        List<String[]> lines = Ledger.read(app.ledgerFile);
        return lines.stream().mapToLong(l -> Long.parseLong(l[1])).max().orElse(-1) + 1;
    }

    private void stop() {
        running.set(false);
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SampleProducer()).execute(args));
    }
}
