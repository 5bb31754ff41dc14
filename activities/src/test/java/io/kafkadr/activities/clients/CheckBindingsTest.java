package io.kafkadr.activities.clients;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ProducerConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.pair.TopicSelection;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Every binding is checked before anything moves: a client that cannot be moved must not strand the others. */
class CheckBindingsTest {

    private final ClientActivitiesImpl clients = new ClientActivitiesImpl(new BindingRegistry(List.of(new ProcessBinding(Path.of(".")),
            new HttpBinding(new OkHttpClient()), new CanaryBinding())), null);

    private static PairConfig pair(List<ConsumerGroupConfig> groups, List<ProducerConfig> producers) {
        List<ClusterConfig> clusters = List.of(new ClusterConfig("a", "a:9092", "r-a", "http://a:8083", null),
                new ClusterConfig("b", "b:9092", "r-b", "http://b:8083", null));
        return new PairConfig("test", "a", "b", clusters, new TopicSelection(List.of("orders"), null), groups, producers,
                ReplicationSettings.defaults(), null, false, null);
    }

    @Test
    void bindingsThisWorkerRunsPass() {
        clients.checkBindings(pair(
                List.of(new ConsumerGroupConfig("g", ClientBinding.process(List.of("true"), List.of("true")))),
                List.of(new ProducerConfig("p", new ClientBinding("http", Map.of("controlUrl", "http://x/c",
                        "statusUrl", "http://x/s"))))));
    }

    @Test
    void everyProblemIsListedAtOnce() {
        ApplicationFailure e = assertThrows(ApplicationFailure.class, () -> clients.checkBindings(pair(
                List.of(new ConsumerGroupConfig("g1", ClientBinding.process(List.of("true"), List.of("true"))),
                        new ConsumerGroupConfig("g2", new ClientBinding("ecs", Map.of("service", "orders")))),
                List.of(new ProducerConfig("p", new ClientBinding("process", Map.of(), Map.of("stop", List.of("true"))))))));
        assertTrue(e.isNonRetryable());
        assertTrue(e.getOriginalMessage().contains("consumer g2: binding type 'ecs' is not supported"), e.getMessage());
        assertTrue(e.getOriginalMessage().contains("producer p: process binding needs commands.start"), e.getMessage());
        assertTrue(e.getOriginalMessage().contains("none is moved"), e.getMessage());
    }
}
