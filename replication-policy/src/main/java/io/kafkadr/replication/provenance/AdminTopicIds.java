package io.kafkadr.replication.provenance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** Reads a topic's id with an Admin client of the source cluster: one {@code describeTopics}, no retry, no cache. */
final class AdminTopicIds implements RetryingTopicIds.Lookup, AutoCloseable {

    private final Admin admin;

    AdminTopicIds(Map<String, Object> adminConfig) {
        this.admin = Admin.create(adminConfig);
    }

    @Override
    public String idOf(String topic, Duration timeout) throws Exception {
        return admin.describeTopics(List.of(topic)).topicNameValues().get(topic)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).topicId().toString();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
