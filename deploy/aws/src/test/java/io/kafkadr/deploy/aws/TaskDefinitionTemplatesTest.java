package io.kafkadr.deploy.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.activities.aws.AwsClients;
import io.kafkadr.activities.aws.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * deploy/aws/ecs: each task definition template, filled with render.sh, is read as the SDK's own
 * {@link RegisterTaskDefinitionRequest} (an unknown or misspelt key fails) and registered on moto
 * with the real aws-sdk-java-v2 ECS client: Fargate, awsvpc, logs to the pair's group, Connect's
 * health check on its REST port, credentials only through {@code secrets}, never as environment.
 */
class TaskDefinitionTemplatesTest {

    static final String REGION = "us-west-2";
    static final String SECRET_ARN = "arn:aws:secretsmanager:us-west-2:123456789012:secret:AmazonMSK_orders-AbCdEf";
    static final String BOOTSTRAP = "b-1.orders.abc123.c2.kafka.us-west-2.amazonaws.com:9096";

    static final Map<String, String> CONNECT = Map.of("PAIR", "orders", "ALIAS", "secondary", "REGION", REGION,
            "ACCOUNT_ID", "123456789012", "CONNECT_IMAGE", "123456789012.dkr.ecr.us-west-2.amazonaws.com/kafka-dr-connect:0.1.0",
            "BOOTSTRAP_SERVERS", BOOTSTRAP, "SECRET_ARN", SECRET_ARN);
    static final Map<String, String> APP = Map.of("APP", "orders-app", "PAIR", "orders", "REGION", REGION,
            "APP_IMAGE", "123456789012.dkr.ecr.us-west-2.amazonaws.com/orders-app:42",
            "APP_TASK_ROLE_ARN", "arn:aws:iam::123456789012:role/orders-app-task",
            "APP_EXECUTION_ROLE_ARN", "arn:aws:iam::123456789012:role/orders-app-execution",
            "BOOTSTRAP_SERVERS", BOOTSTRAP, "APP_SECRET_ARN", "arn:aws:secretsmanager:us-west-2:123456789012:secret:AmazonMSK_orders-app-XyZ123");

    /** Environment names that say "credential": their values belong in {@code secrets}. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|API_?KEY|PRIVATE|JAAS).*");
    /** Values that look like a credential: a JAAS line, a long opaque string, a key id. */
    private static final Pattern SECRET_VALUE = Pattern.compile("(?i).*(password=|LoginModule|AKIA[0-9A-Z]{16}|[A-Za-z0-9+/=]{32,}).*");

    private static MotoServer moto;
    private static AwsClients aws;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = new MotoServer();
        aws = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                Optional.of(moto.endpoint()));
    }

    @AfterAll
    static void stopMoto() {
        aws.close();
        moto.close();
    }

    @Test
    void connectTaskDefinitionRegistersOnFargateWithSecretsLogsAndHealthCheck() throws Exception {
        TaskDefinition registered = register("ecs/connect-task-definition.json", CONNECT);

        assertEquals("kafka-dr-orders-connect-secondary", registered.family());
        assertEquals(List.of("FARGATE"), registered.requiresCompatibilitiesAsStrings());
        assertEquals("awsvpc", registered.networkModeAsString());
        assertEquals("arn:aws:iam::123456789012:role/kafka-dr-connect-task-orders", registered.taskRoleArn());
        assertEquals("arn:aws:iam::123456789012:role/kafka-dr-ecs-execution-orders", registered.executionRoleArn());
        ContainerDefinition connect = registered.containerDefinitions().get(0);
        assertEquals(Map.of("CONNECT_BOOTSTRAP_SERVERS", BOOTSTRAP, "CONNECT_GROUP_ID", "kafka-dr-orders-secondary",
                "CONNECT_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_HEAP_OPTS", "-Xms2g -Xmx2g"), env(connect));
        assertEquals(Map.of("KAFKADR_SCRAM_USERNAME", SECRET_ARN + ":username::", "KAFKADR_SCRAM_PASSWORD", SECRET_ARN + ":password::"),
                secrets(connect));
        assertEquals(8083, connect.portMappings().get(0).containerPort());
        assertTrue(connect.healthCheck().command().get(1).contains("http://localhost:8083/"), connect.healthCheck().toString());
        assertEquals("awslogs", connect.logConfiguration().logDriverAsString());
        assertEquals("/kafka-dr/orders/connect", connect.logConfiguration().options().get("awslogs-group"));
        assertNoCredentialInEnvironment(connect);
    }

    @Test
    void exampleAppTaskDefinitionTakesItsBootstrapServersFromTheEnvironment() throws Exception {
        TaskDefinition registered = register("ecs/app-task-definition.json", APP);

        ContainerDefinition app = registered.containerDefinitions().get(0);
        assertEquals(BOOTSTRAP, env(app).get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals(List.of("KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"), List.copyOf(secrets(app).keySet()));
        assertNoCredentialInEnvironment(app);
    }

    /** The check the templates are held to, on a template that puts the password in the environment. */
    @Test
    void aPasswordInTheEnvironmentIsCaught() {
        ContainerDefinition leaky = ContainerDefinition.builder().name("connect")
                .environment(KeyValuePair.builder().name("KAFKADR_SCRAM_PASSWORD").value("hunter2").build()).build();
        AssertionError caught = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> assertNoCredentialInEnvironment(leaky));
        assertTrue(caught.getMessage().contains("KAFKADR_SCRAM_PASSWORD"), caught.getMessage());
    }

    /** The template, filled, read as the SDK's request, registered on moto, described back. */
    static TaskDefinition register(String template, Map<String, String> values) throws Exception {
        JsonNode json = DeployAws.renderJson(template, values);
        RegisterTaskDefinitionRequest request = DeployAws.JSON.treeToValue(json,
                RegisterTaskDefinitionRequest.serializableBuilderClass()).build();
        EcsClient ecs = aws.ecs(REGION);
        TaskDefinition created = ecs.registerTaskDefinition(request).taskDefinition();
        TaskDefinition described = ecs.describeTaskDefinition(r -> r.taskDefinition(created.taskDefinitionArn())).taskDefinition();
        assertEquals(created.taskDefinitionArn(), described.taskDefinitionArn());
        ContainerDefinition sent = request.containerDefinitions().get(0);
        ContainerDefinition kept = described.containerDefinitions().get(0);
        // moto adds ECS's defaults (cpu 0, no mount points): what the template says is kept as said
        assertEquals(List.of(sent.name(), sent.image(), env(sent), secrets(sent), sent.portMappings(),
                        String.valueOf(sent.logConfiguration()), String.valueOf(sent.healthCheck())),
                List.of(kept.name(), kept.image(), env(kept), secrets(kept), kept.portMappings(),
                        String.valueOf(kept.logConfiguration()), String.valueOf(kept.healthCheck())));
        return described;
    }

    static void assertNoCredentialInEnvironment(ContainerDefinition container) {
        for (KeyValuePair e : container.environment()) {
            assertFalse(SECRET_NAME.matcher(e.name()).matches() || SECRET_VALUE.matcher(e.value()).matches(),
                    container.name() + " has " + e.name() + " in its environment: a credential goes into secrets "
                            + "(valueFrom the secret's ARN and JSON key), never into plain environment values");
        }
        container.secrets().forEach(s -> assertTrue(s.valueFrom().matches("arn:aws:secretsmanager:[a-z0-9-]+:\\d{12}:secret:AmazonMSK_.+:(username|password)::"),
                s.name() + " valueFrom " + s.valueFrom() + " is not an AmazonMSK_ secret's JSON key"));
    }

    private static Map<String, String> env(ContainerDefinition c) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        c.environment().forEach(e -> env.put(e.name(), e.value()));
        return env;
    }

    private static Map<String, String> secrets(ContainerDefinition c) {
        Map<String, String> secrets = new java.util.LinkedHashMap<>();
        c.secrets().forEach(s -> secrets.put(s.name(), s.valueFrom()));
        return secrets;
    }
}
