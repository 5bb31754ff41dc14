package io.kafkadr.activities.clients;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The ecs binding's decisions, on the shapes ECS answers (a real rollout has two deployments for a while, which moto never shows). */
class EcsRevisionsTest {

    private static final String TD = "arn:aws:ecs:us-west-2:123456789012:task-definition/orders:7";

    private static Service service(String td, int desired, int running, int deployments) {
        return Service.builder().serviceName("orders").status("ACTIVE").taskDefinition(td).desiredCount(desired)
                .runningCount(running).deployments(java.util.stream.IntStream.range(0, deployments)
                        .mapToObj(i -> Deployment.builder().id("d" + i).build()).toList()).build();
    }

    @Test
    void stableOnlyWithTheRevisionOneDeploymentAndEveryTaskRunning() {
        assertEquals(Optional.empty(), EcsRevisions.unstable(service(TD, 2, 2, 1), TD));
        assertContains(EcsRevisions.unstable(service(TD, 2, 2, 2), TD).orElseThrow(), "2 deployments");
        assertContains(EcsRevisions.unstable(service(TD, 2, 1, 1), TD).orElseThrow(), "1 of 2 tasks running");
        assertContains(EcsRevisions.unstable(service("orders:6", 2, 2, 1), TD).orElseThrow(), "runs orders:6, not");
        assertContains(EcsRevisions.unstable(service(TD, 0, 0, 1), TD).orElseThrow(), "desired count 0");
    }

    @Test
    void stoppedWhenNothingIsWantedOrRunning() {
        assertEquals(Optional.empty(), EcsRevisions.running(service(TD, 0, 0, 1)));
        assertContains(EcsRevisions.running(service(TD, 0, 1, 1)).orElseThrow(), "still runs 1 task(s) (desired 0)");
    }

    private static TaskDefinition td(String bootstrap, KeyValuePair... more) {
        List<KeyValuePair> env = new java.util.ArrayList<>(List.of(more));
        env.add(KeyValuePair.builder().name("KAFKA_BOOTSTRAP_SERVERS").value(bootstrap).build());
        return TaskDefinition.builder().family("orders").taskDefinitionArn(TD).revision(7)
                .containerDefinitions(ContainerDefinition.builder().name("app").image("i").environment(env).build())
                .build();
    }

    @Test
    void aRevisionIsTheWantedOneRegardlessOfEnvironmentOrderArnAndRevision() {
        KeyValuePair level = KeyValuePair.builder().name("A_LEVEL").value("info").build();
        RegisterTaskDefinitionRequest wanted = EcsRevisions.retarget(EcsRevisions.registration(td("b:1")), "app",
                "KAFKA_BOOTSTRAP_SERVERS", "w:1", Map.of()).orElseThrow();

        assertEquals(wanted, EcsRevisions.registration(td("w:1").toBuilder().revision(8).taskDefinitionArn("x").build()));
        assertEquals(EcsRevisions.retarget(EcsRevisions.registration(td("b:1", level)), "app", "KAFKA_BOOTSTRAP_SERVERS",
                "w:1", Map.of()).orElseThrow(), EcsRevisions.registration(td("w:1", level)));
        assertNotEquals(wanted, EcsRevisions.registration(td("b:1")));
        assertEquals(Optional.empty(), EcsRevisions.retarget(wanted, "web", "KAFKA_BOOTSTRAP_SERVERS", "w:1", Map.of()));
    }
}
