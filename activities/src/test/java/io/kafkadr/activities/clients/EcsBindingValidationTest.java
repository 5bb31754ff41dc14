package io.kafkadr.activities.clients;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kafkadr.activities.aws.AwsClients;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.pair.BindingType;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ProducerConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.pair.TopicSelection;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The registry and the ecs binding's checks, before anything moves: each problem named with its fix. */
class EcsBindingValidationTest {

    private final BindingRegistry registry = new BindingRegistry(List.of(new ProcessBinding(Path.of(".")),
            new HttpBinding(new OkHttpClient()), new EcsBinding(new AwsClients()), new CanaryBinding()));

    private static PairConfig pair(String secondaryRegion) {
        return new PairConfig("orders", "east", "west", List.of(
                new ClusterConfig("east", "b-1.east:9096", "us-east-1", "http://east:8083", null),
                new ClusterConfig("west", "b-1.west:9096", secondaryRegion, "http://west:8083", null)),
                new TopicSelection(List.of("orders"), null), List.of(), List.of(), ReplicationSettings.defaults(), null,
                false, null);
    }

    private static ClientRef ecs(Map<String, String> settings) {
        return ClientRef.of(new ProducerConfig("orders-writer", new ClientBinding(BindingType.ECS, settings)));
    }

    private static Map<String, String> complete(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>(Map.of("primary.cluster", "apps", "primary.service", "w",
                "secondary.cluster", "apps", "secondary.service", "w", "container", "app"));
        s.putAll(extra);
        return s;
    }

    @Test
    void aCompleteBindingHasNoProblem() {
        assertEquals(List.of(), registry.problems(pair("us-west-2"), ecs(complete(Map.of()))));
    }

    @Test
    void missingAndMistypedSettingsAreNamedFromTheTable() {
        List<String> p = registry.problems(pair("us-west-2"), ecs(Map.of("primary.cluster", "apps",
                "primary.servcie", "w")));

        assertContains(String.join("\n", p), "producer orders-writer: ecs binding needs settings.primary.service");
        assertContains(String.join("\n", p), "ecs binding needs settings.secondary.cluster");
        assertContains(String.join("\n", p), "ecs binding needs settings.container");
        assertContains(String.join("\n", p), "ecs binding has no setting 'primary.servcie' (a typo?)");
    }

    @Test
    void badValuesAreNamedWithTheirFix() {
        String p = String.join("\n", registry.problems(pair(null), ecs(complete(Map.of(
                "secretEnv", "KAFKA_USERNAME=username,oops", "desiredCount", "0")))));

        assertContains(p, "settings.secondary.region, or a region on the pair's secondary cluster");
        assertContains(p, "settings.secretEnv: 'oops' is not VAR=jsonKey");
        assertContains(p, "settings.desiredCount: a whole number of tasks, at least 1 (got '0')");
    }

    @Test
    void secretEnvNeedsAnAwsSecretOnEveryCluster() {
        String p = String.join("\n", registry.problems(pair("us-west-2"),
                ecs(complete(Map.of("secretEnv", "KAFKA_PASSWORD=password")))));

        assertContains(p, "takes the secret of cluster east from its security.secretRef, which is not "
                + "'aws-secretsmanager:<arn>'");
    }

    @Test
    void theRegistryRefusesATypeTheTableDoesNotDeclareAndTwoPluginsForOneType() {
        BindingPlugin unknown = new CanaryBinding() {
            @Override
            public String type() {
                return "k8s";
            }
        };
        assertContains(assertThrows(IllegalArgumentException.class, () -> new BindingRegistry(List.of(unknown)))
                .getMessage(), "runs type 'k8s', which BindingType's table does not declare");
        assertContains(assertThrows(IllegalArgumentException.class, () -> new BindingRegistry(
                List.of(new CanaryBinding(), new CanaryBinding()))).getMessage(), "two binding plug-ins for type 'canary'");
    }

    @Test
    void aTypeThisWorkerDoesNotRunListsTheTypesItRuns() {
        BindingRegistry processOnly = new BindingRegistry(List.of(new ProcessBinding(Path.of("."))));

        assertEquals(List.of("producer orders-writer: binding type 'ecs' is not supported by this worker [process]"),
                processOnly.problems(pair("us-west-2"), ecs(complete(Map.of()))));
        assertEquals(List.of("process", "http", "ecs", "canary"), registry.types());
    }
}
