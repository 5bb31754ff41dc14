package io.kafkadr.replication.provenance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Topic ids read with an Admin client of the source cluster, each kept for {@link #TTL}: a topic
 * deleted and recreated under a running task is noticed within that time (MM2's own consumer
 * needs longer to notice it).
 */
final class AdminTopicIds implements TopicIds, AutoCloseable {

    static final Duration TTL = Duration.ofSeconds(10);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

    private record Cached(String id, long readAtNanos) {
    }

    private final Admin admin;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    AdminTopicIds(Map<String, Object> adminConfig) {
        this.admin = Admin.create(adminConfig);
    }

    @Override
    public String idOf(String topic) {
        Cached c = cache.get(topic);
        if (c != null && System.nanoTime() - c.readAtNanos() < TTL.toNanos()) {
            return c.id();
        }
        try {
            String id = admin.describeTopics(List.of(topic)).topicNameValues().get(topic)
                    .get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).topicId().toString();
            cache.put(topic, new Cached(id, System.nanoTime()));
            return id;
        } catch (ExecutionException | TimeoutException e) {
            throw new ConnectException("kafka-dr provenance: cannot read the id of source topic " + topic
                    + " (is the source cluster reachable with the transform's source.* settings?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while reading the id of " + topic, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
