package io.kafkadr.local.apps;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The group farm's records: creates its topics (if missing) and writes records to each as
 * producer {@code seed-<topic>}, stamped and ledgered like {@link SampleProducer}'s
 * ({@code id, sequence, cluster, topic, partition, offset}); the sequence continues from the ledger.
 */
final class FarmSeed {

    private FarmSeed() {
    }

    static void seed(String bootstrap, String cluster, List<String> topics, int partitions, int records, Path ledgers)
            throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic + " on " + cluster + ": "
                                + e.getCause().getMessage(), e);
                    }
                }
            }
        }
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "farm-seed");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (String topic : topics) {
                String name = "seed-" + topic;
                Path file = ledgers == null ? null : ledgers.resolve("producer-" + name + ".tsv");
                long first = file == null ? 0 : Ledger.read(file).stream().mapToLong(l -> Long.parseLong(l[1])).max().orElse(-1) + 1;
                try (Ledger ledger = file == null ? null : new Ledger(file)) {
                    for (long seq = first; seq < first + records; seq++) {
                        String id = RecordIds.id(name, seq);
                        ProducerRecord<String, String> record = new ProducerRecord<>(topic, "key-" + (seq % 32),
                                "{\"id\":\"" + id + "\",\"seq\":" + seq + "}");
                        record.headers().add(RecordIds.ID, id.getBytes(StandardCharsets.UTF_8));
                        record.headers().add(RecordIds.SEQUENCE, Long.toString(seq).getBytes(StandardCharsets.UTF_8));
                        record.headers().add(RecordIds.PRODUCER, name.getBytes(StandardCharsets.UTF_8));
                        long s = seq;
                        producer.send(record, (meta, error) -> {
                            if (error != null) {
                                System.err.println("not acknowledged: " + id + ": " + error);
                            } else if (ledger != null) {
                                ledger.append(id, s, cluster, meta.topic(), meta.partition(), meta.offset());
                            }
                        });
                    }
                    producer.flush();
                }
            }
        }
        System.out.println("seeded " + records + " records into each of " + topics.size() + " topics on " + cluster);
    }
}
