package io.kafkadr.activities.clients;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.activities.aws.AwsClients;
import io.kafkadr.activities.aws.MotoServer;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.BindingType;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.pair.SecurityConfig;
import io.kafkadr.workflows.pair.TopicSelection;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The {@code ecs} binding with the real aws-sdk-java-v2 against moto's ECS: services in two
 * regions (or one service for both sides), moved, re-run, rolled back. moto runs no tasks: an
 * update_service with a desired count reports that many running at once, in one deployment, so
 * the stable wait passes on its first look here; its decisions are tested on their own in
 * {@link EcsRevisionsTest}.
 */
class EcsBindingMotoTest {

    private static final String EAST = "us-east-1";
    private static final String WEST = "us-west-2";
    private static final String SECRET = "arn:aws:secretsmanager:us-west-2:123456789012:secret:AmazonMSK_orders-west-AbCdEf";

    private static MotoServer moto;
    private static AwsClients aws;
    private EcsBinding binding;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = new MotoServer();
        aws = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                Optional.of(moto.endpoint()));
    }

    @AfterAll
    static void stopMoto() {
        aws.close();
        moto.close();
    }

    @BeforeEach
    void emptyAccount() throws Exception {
        moto.reset();
        binding = new EcsBinding(aws, Duration.ofMillis(50));
    }

    private static PairConfig pair() {
        List<ClusterConfig> clusters = List.of(
                new ClusterConfig("east", "b-1.east:9096,b-2.east:9096", EAST, "http://east:8083",
                        new SecurityConfig("SASL_SSL", "SCRAM-SHA-512", "aws-secretsmanager:" + SECRET.replace(
                                "us-west-2", EAST), "env:KAFKADR_SCRAM", null, null)),
                new ClusterConfig("west", "b-1.west:9096,b-2.west:9096", WEST, "http://west:8083",
                        new SecurityConfig("SASL_SSL", "SCRAM-SHA-512", "aws-secretsmanager:" + SECRET,
                                "env:KAFKADR_SCRAM", null, null)));
        return new PairConfig("orders", "east", "west", clusters, new TopicSelection(List.of("orders"), null), List.of(),
                List.of(), ReplicationSettings.defaults(), null, false, null);
    }

    /** Services "orders" in cluster "apps" of both regions, unless {@code extra} says otherwise. */
    private static ClientRef app(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("primary.cluster", "apps", "primary.service", "orders",
                "secondary.cluster", "apps", "secondary.service", "orders", "container", "app"));
        settings.putAll(extra);
        return ClientRef.of(new ConsumerGroupConfig("orders-app", new ClientBinding(BindingType.ECS, settings)));
    }

    private static EcsClient ecs(String region) {
        return aws.ecs(region);
    }

    /** A cluster, a task definition pointing at {@code bootstrap} and a service running {@code count} tasks. */
    private static String deploy(String region, String bootstrap, int count) {
        ecs(region).createCluster(c -> c.clusterName("apps"));
        String td = ecs(region).registerTaskDefinition(r -> r.family("orders").memory("512").cpu("256")
                .containerDefinitions(ContainerDefinition.builder().name("app").image("example/orders:1")
                        .environment(env("KAFKA_BOOTSTRAP_SERVERS", bootstrap), env("LOG_LEVEL", "info")).build(),
                        ContainerDefinition.builder().name("sidecar").image("example/proxy:1").build()))
                .taskDefinition().taskDefinitionArn();
        ecs(region).createService(s -> s.cluster("apps").serviceName("orders").taskDefinition(td).desiredCount(count));
        return td;
    }

    private static KeyValuePair env(String name, String value) {
        return KeyValuePair.builder().name(name).value(value).build();
    }

    private static Service service(String region) {
        return ecs(region).describeServices(d -> d.cluster("apps").services("orders").include(ServiceField.TAGS))
                .services().get(0);
    }

    private static TaskDefinition taskDefinition(String region, String arn) {
        return ecs(region).describeTaskDefinition(d -> d.taskDefinition(arn)).taskDefinition();
    }

    private static int revisions(String region) {
        return ecs(region).listTaskDefinitions(l -> l.familyPrefix("orders")).taskDefinitionArns().size();
    }

    private static ContainerDefinition container(String region, String arn) {
        return taskDefinition(region, arn).containerDefinitions().stream().filter(c -> "app".equals(c.name()))
                .findFirst().orElseThrow();
    }

    private static String envValue(ContainerDefinition c, String name) {
        return c.environment().stream().filter(kv -> name.equals(kv.name())).findFirst().map(KeyValuePair::value)
                .orElse(null);
    }

    private void move(PairConfig pair, ClientRef app, String to) {
        binding.stop(pair, app);
        binding.start(pair, app, pair.cluster(to));
    }

    @Test
    void movesTheServiceToTheOtherRegionWithTheOtherClustersBootstrapAndSecret() {
        String east = deploy(EAST, "b-1.east:9096,b-2.east:9096", 2);
        deploy(WEST, "b-1.east:9096,b-2.east:9096", 0);
        ClientRef app = app(Map.of("secretEnv", "KAFKA_USERNAME=username,KAFKA_PASSWORD=password"));
        assertEquals(List.of(), binding.validate(pair(), app));

        move(pair(), app, "west");

        Service west = service(WEST);
        assertEquals("orders:2", west.taskDefinition().substring(west.taskDefinition().lastIndexOf('/') + 1));
        assertEquals(2, west.desiredCount(), "the count the app ran with on the primary");
        ContainerDefinition c = container(WEST, west.taskDefinition());
        assertEquals("b-1.west:9096,b-2.west:9096", envValue(c, "KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("info", envValue(c, "LOG_LEVEL"), "the rest of the environment is kept");
        assertEquals(Map.of("KAFKA_USERNAME", SECRET + ":username::", "KAFKA_PASSWORD", SECRET + ":password::"),
                c.secrets().stream().collect(java.util.stream.Collectors.toMap(s -> s.name(), s -> s.valueFrom())));
        Map<String, String> tags = new HashMap<>();
        ecs(WEST).listTagsForResource(l -> l.resourceArn(west.taskDefinition())).tags()
                .forEach(t -> tags.put(t.key(), t.value()));
        assertEquals(Map.of("kafka-dr:managed", "true", "kafka-dr:pair", "orders", "kafka-dr:cluster", "west"), tags);
        Service eastNow = service(EAST);
        assertEquals(0, eastNow.desiredCount());
        assertEquals(east, eastNow.taskDefinition(), "the primary's revision is left as it was");
        assertEquals(Optional.empty(), binding.health(pair(), app, pair().cluster("west")));
        assertContains(binding.health(pair(), app, pair().cluster("east")).orElseThrow(), "desired count 0");
    }

    /** The activity runs again (its response was lost): nothing new is registered, the service stays as it is. */
    @Test
    void aReRunRegistersNothingNew() {
        deploy(EAST, "b-1.east:9096,b-2.east:9096", 2);
        deploy(WEST, "b-1.east:9096,b-2.east:9096", 0);
        ClientRef app = app(Map.of());
        move(pair(), app, "west");
        String moved = service(WEST).taskDefinition();

        move(pair(), app, "west");
        binding.start(pair(), app, pair().cluster("west"));

        assertEquals(2, revisions(WEST));
        assertEquals(moved, service(WEST).taskDefinition());
        assertEquals(2, service(WEST).desiredCount());
    }

    /** The first attempt registered the revision and died before updating the service: the next one reuses it. */
    @Test
    void aRevisionRegisteredByAnAttemptThatDiedIsReused() {
        deploy(EAST, "b-1.east:9096,b-2.east:9096", 2);
        String before = deploy(WEST, "b-1.east:9096,b-2.east:9096", 0);
        ClientRef app = app(Map.of());
        move(pair(), app, "west");
        String registered = service(WEST).taskDefinition();
        ecs(WEST).updateService(u -> u.cluster("apps").service("orders").taskDefinition(before).desiredCount(0));

        binding.start(pair(), app, pair().cluster("west"));

        assertEquals(2, revisions(WEST));
        assertEquals(registered, service(WEST).taskDefinition());
    }

    @Test
    void rollingBackRestartsThePrimaryOnItsRevisionAndRegistersNothing() {
        String east = deploy(EAST, "b-1.east:9096,b-2.east:9096", 3);
        deploy(WEST, "b-1.east:9096,b-2.east:9096", 0);
        ClientRef app = app(Map.of());
        move(pair(), app, "west");

        move(pair(), app, "east");

        assertEquals(east, service(EAST).taskDefinition());
        assertEquals(3, service(EAST).desiredCount());
        assertEquals(1, revisions(EAST));
        assertEquals(0, service(WEST).desiredCount());
        assertEquals(Optional.empty(), binding.health(pair(), app, pair().cluster("east")));
    }

    /** One service for both sides (the app stays in its region, only its cluster changes): back to the previous revision. */
    @Test
    void oneServiceForBothSidesReturnsToItsPreviousRevision() {
        String first = deploy(EAST, "b-1.east:9096,b-2.east:9096", 2);
        ClientRef app = app(Map.of("secondary.region", EAST));
        move(pair(), app, "west");
        String moved = service(EAST).taskDefinition();
        assertEquals("b-1.west:9096,b-2.west:9096", envValue(container(EAST, moved), "KAFKA_BOOTSTRAP_SERVERS"));

        move(pair(), app, "east");
        move(pair(), app, "east");

        assertEquals(first, service(EAST).taskDefinition(), "the previous revision, not a third one");
        assertEquals(2, revisions(EAST));
        assertEquals(2, service(EAST).desiredCount());
        move(pair(), app, "west");
        assertEquals(moved, service(EAST).taskDefinition(), "the failover's revision again");
        assertEquals(2, revisions(EAST));
    }

    /** The secondary's service has no task definition yet: the primary's is copied into its region. */
    @Test
    void aServiceWithoutTaskDefinitionStartsFromTheOtherSidesCopiedIntoItsRegion() {
        deploy(EAST, "b-1.east:9096,b-2.east:9096", 2);
        ecs(WEST).createCluster(c -> c.clusterName("apps"));
        ecs(WEST).createService(s -> s.cluster("apps").serviceName("orders").desiredCount(0));
        ClientRef app = app(Map.of());

        move(pair(), app, "west");

        String td = service(WEST).taskDefinition();
        assertContains(td, ":us-west-2:");
        assertEquals("b-1.west:9096,b-2.west:9096", envValue(container(WEST, td), "KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals(1, revisions(WEST));
        assertEquals(2, service(WEST).desiredCount());
    }

    @Test
    void aContainerTheTaskDefinitionDoesNotHaveIsABadInputNamingTheContainers() {
        deploy(EAST, "b-1.east:9096", 1);
        deploy(WEST, "b-1.east:9096", 0);

        ApplicationFailure e = assertThrows(ApplicationFailure.class,
                () -> binding.start(pair(), app(Map.of("container", "ap")), pair().cluster("west")));

        assertTrue(e.isNonRetryable());
        assertEquals(ActivityFailures.BAD_INPUT, e.getType());
        assertContains(e.getOriginalMessage(), "settings.container 'ap' is not a container of task definition family "
                + "orders [app, sidecar]");
        assertEquals(1, revisions(WEST));
    }

    @Test
    void aServiceThatDoesNotExistIsABadInputSayingWhatToCreate() {
        deploy(EAST, "b-1.east:9096", 1);
        ecs(WEST).createCluster(c -> c.clusterName("apps"));

        ApplicationFailure e = assertThrows(ApplicationFailure.class,
                () -> binding.start(pair(), app(Map.of("secondary.service", "orderz")), pair().cluster("west")));

        assertTrue(e.isNonRetryable());
        assertContains(e.getOriginalMessage(), "ECS service orderz (cluster apps, us-west-2) does not exist");
        assertContains(e.getOriginalMessage(), "create it (it may run 0 tasks) or fix settings.secondary.cluster/.service");
    }
}
