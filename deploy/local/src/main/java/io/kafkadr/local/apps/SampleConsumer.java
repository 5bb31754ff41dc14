package io.kafkadr.local.apps;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Consumes in a group, appends every record to its ledger
 * ({@code id, cluster, topic, partition, offset, consumedAtMillis}; the last column, added for
 * benchmarks, is absent from older ledgers) and only then commits: at-least-once, so a
 * record is never lost and any duplicate shows up in the ledger.
 */
@Command(name = "sample-consumer", mixinStandardHelpOptions = true)
public class SampleConsumer implements Callable<Integer> {

    @Mixin
    AppOptions app;
    @Option(names = "--group", defaultValue = "orders-app")
    String group;

    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public Integer call() {
        java.nio.file.Path refusal = app.ledgerFile.resolveSibling("refuse-" + group + "-" + app.cluster);
        if (java.nio.file.Files.exists(refusal)) {
            System.err.println("refusing to start on " + app.cluster + ": " + refusal + " exists (a broken deployment, "
                    + "for drills of failed health checks)");
            return 3;
        }
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.CLIENT_ID_CONFIG, "sample-consumer-" + group);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(app.withSecurity(props), new StringDeserializer(), new StringDeserializer());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            consumer.wakeup();
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println("consuming " + app.topic + " as group " + group + " on " + app.cluster + " (" + app.bootstrap + ")");
        try (Ledger ledger = new Ledger(app.ledgerFile)) {
            consumer.subscribe(List.of(app.topic));
            while (true) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    ledger.append(RecordIds.header(r.headers(), RecordIds.ID), app.cluster, r.topic(), r.partition(), r.offset(),
                            System.currentTimeMillis());
                }
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            consumer.commitSync();
        } finally {
            consumer.close();
            finished.countDown();
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SampleConsumer()).execute(args));
    }
}
