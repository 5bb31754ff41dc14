package io.kafkadr.deploy.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/aws/connect: the entrypoint writes connect-distributed.properties from the task's
 * environment (the task's IP from a stand-in of the ECS task metadata endpoint), Kafka Connect's own
 * {@link DistributedConfig} accepts what it writes, the file holds references and never a
 * credential, the scripts pass shellcheck, and the image is built on the Kafka kafka-dr builds with.
 */
class ConnectImageTest {

    private static final String TASK_IP = "10.0.2.106";
    private static final String PASSWORD = "pw-from-secrets-manager-7Qx";

    /** The shape of ECS's container metadata (task metadata endpoint v4), compact as the agent sends it. */
    private static final String METADATA = "{\"DockerId\":\"ea32192c8553fbff06c9340478a2ff089b2bb5646fb718b4ee206641c9086d66\","
            + "\"Name\":\"connect\",\"Limits\":{\"CPU\":1024,\"Memory\":4096},\"Networks\":[{\"NetworkMode\":\"awsvpc\","
            + "\"IPv4Addresses\":[\"" + TASK_IP + "\"],\"AttachmentIndex\":0,\"MACAddress\":\"0e:9e:32:c7:48:85\","
            + "\"IPv4SubnetCIDRBlock\":\"10.0.2.0/24\",\"PrivateDNSName\":\"ip-10-0-2-106.us-west-2.compute.internal\"}]}";

    @TempDir
    Path tmp;

    private HttpServer metadata;

    @BeforeEach
    void startMetadataEndpoint() throws IOException {
        metadata = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metadata.createContext("/v4/ea32192c", exchange -> {
            byte[] body = METADATA.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // a task in bridge network mode has no IPv4Addresses
        metadata.createContext("/v4/bridge", exchange -> {
            byte[] body = "{\"Name\":\"connect\",\"Networks\":[{\"NetworkMode\":\"bridge\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        metadata.start();
    }

    @AfterEach
    void stopMetadataEndpoint() {
        metadata.stop(0);
    }

    @Test
    void scramWorkerPropertiesAreWhatConnectAcceptsWithTheTasksIpAndNoPassword() throws Exception {
        Path file = tmp.resolve("connect-distributed.properties");
        Map<String, String> env = taskEnv(file);
        env.put("KAFKADR_SCRAM_USERNAME", "mm2");
        env.put("KAFKADR_SCRAM_PASSWORD", PASSWORD);

        Map<String, String> props = render(env, file);
        DistributedConfig config = new DistributedConfig(props);

        String jaasReference = "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"${env:KAFKADR_SCRAM_USERNAME}\" password=\"${env:KAFKADR_SCRAM_PASSWORD}\";";
        assertAll(
                () -> assertEquals("b-1.orders.kafka.us-west-2.amazonaws.com:9096,b-2.orders.kafka.us-west-2.amazonaws.com:9096",
                        String.join(",", config.getList("bootstrap.servers"))),
                () -> assertEquals("kafka-dr-orders-secondary", config.getString(DistributedConfig.GROUP_ID_CONFIG)),
                () -> assertEquals(TASK_IP, config.getString("rest.advertised.host.name")),
                () -> assertEquals(8083, config.getInt("rest.advertised.port")),
                () -> assertEquals("connect-configs.kafka-dr-orders-secondary.internal",
                        config.getString(DistributedConfig.CONFIG_TOPIC_CONFIG)),
                () -> assertEquals("connect-offsets.kafka-dr-orders-secondary.internal",
                        config.getString(DistributedConfig.OFFSET_STORAGE_TOPIC_CONFIG)),
                () -> assertEquals("connect-status.kafka-dr-orders-secondary.internal",
                        config.getString(DistributedConfig.STATUS_STORAGE_TOPIC_CONFIG)),
                () -> assertEquals((short) 3, config.getShort(DistributedConfig.CONFIG_STORAGE_REPLICATION_FACTOR_CONFIG)),
                () -> assertEquals((short) 3, config.getShort(DistributedConfig.OFFSET_STORAGE_REPLICATION_FACTOR_CONFIG)),
                () -> assertEquals((short) 3, config.getShort(DistributedConfig.STATUS_STORAGE_REPLICATION_FACTOR_CONFIG)),
                () -> assertEquals(List.of("file", "dir", "env"), config.getList("config.providers")),
                () -> assertEquals("org.apache.kafka.common.config.provider.EnvVarConfigProvider",
                        props.get("config.providers.env.class")),
                () -> assertEquals("/opt/kafka-dr/plugins", String.join(",", config.getList("plugin.path"))));
        for (String prefix : List.of("", "producer.", "consumer.", "admin.")) {
            assertEquals("SASL_SSL", props.get(prefix + "security.protocol"), prefix);
            assertEquals("SCRAM-SHA-512", props.get(prefix + "sasl.mechanism"), prefix);
            assertEquals(jaasReference, props.get(prefix + "sasl.jaas.config"), prefix);
        }
        String text = Files.readString(file);
        assertFalse(text.contains(PASSWORD), "the password itself is in the worker properties:\n" + text);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void mskIamWorkerPropertiesLoadTheIamLoginModuleFromTheClasspath() throws Exception {
        Path file = tmp.resolve("iam.properties");
        Map<String, String> env = taskEnv(file);
        env.put("CONNECT_SASL_MECHANISM", "AWS_MSK_IAM");
        env.put("CONNECT_BOOTSTRAP_SERVERS", "b-1.orders.kafka.us-west-2.amazonaws.com:9098");

        Map<String, String> props = render(env, file);
        // a CLASS setting: DistributedConfig loads the callback handler, so aws-msk-iam-auth must be there
        DistributedConfig config = new DistributedConfig(props);

        assertEquals("software.amazon.msk.auth.iam.IAMClientCallbackHandler",
                config.getClass("sasl.client.callback.handler.class").getName());
        for (String prefix : List.of("", "producer.", "consumer.", "admin.")) {
            assertEquals("AWS_MSK_IAM", props.get(prefix + "sasl.mechanism"), prefix);
            assertEquals("software.amazon.msk.auth.iam.IAMLoginModule required;", props.get(prefix + "sasl.jaas.config"));
        }
    }

    @Test
    void missingOrWrongSettingsStopTheTaskNamingWhatToSet() throws Exception {
        Path file = tmp.resolve("never.properties");
        Map<String, Map.Entry<String, String>> cases = Map.of(
                "CONNECT_BOOTSTRAP_SERVERS is not set", Map.entry("CONNECT_BOOTSTRAP_SERVERS", ""),
                "KAFKADR_SCRAM_PASSWORD is not set: map it from the AmazonMSK_<name> secret's password",
                Map.entry("KAFKADR_SCRAM_PASSWORD", ""),
                "CONNECT_SASL_MECHANISM 'OAUTHBEARER' is not", Map.entry("CONNECT_SASL_MECHANISM", "OAUTHBEARER"),
                "CONNECT_GROUP_ID 'a/b' may hold only", Map.entry("CONNECT_GROUP_ID", "a/b"),
                "ECS_CONTAINER_METADATA_URI_V4 is set", Map.entry("ECS_CONTAINER_METADATA_URI_V4", ""),
                "has no Networks[].IPv4Addresses", Map.entry("ECS_CONTAINER_METADATA_URI_V4",
                        "http://127.0.0.1:" + metadata.getAddress().getPort() + "/v4/bridge"));
        for (var c : cases.entrySet()) {
            Map<String, String> env = taskEnv(file);
            env.put("KAFKADR_SCRAM_USERNAME", "mm2");
            env.put("KAFKADR_SCRAM_PASSWORD", PASSWORD);
            env.put(c.getValue().getKey(), c.getValue().getValue());
            DeployAws.Run run = DeployAws.run(List.of("deploy/aws/connect/entrypoint.sh", "--render-only"), env);
            assertNotEquals(0, run.exitCode(), c.getKey() + ": " + run.output());
            assertTrue(run.output().contains(c.getKey()), "expected '" + c.getKey() + "' in: " + run.output());
            assertFalse(Files.exists(file), "a file was written despite: " + run.output());
        }
    }

    @Test
    void theScriptsPassShellcheck() throws Exception {
        DeployAws.Run run;
        try {
            run = DeployAws.run(List.of("shellcheck", "deploy/aws/connect/entrypoint.sh", "deploy/aws/render.sh"), Map.of());
        } catch (IOException e) {
            throw new AssertionError("shellcheck is not installed: run deploy/local/setup.sh (apt-get install shellcheck)", e);
        }
        assertEquals(0, run.exitCode(), run.output());
    }

    /** The image's Kafka is the one the build uses (the root pom's kafka.version, here on the classpath). */
    @Test
    void theImageIsTheKafkaVersionOfTheBuild() throws IOException {
        String dockerfile = Files.readString(DeployAws.dir().resolve("connect/Dockerfile"));
        Matcher version = Pattern.compile("(?m)^ARG KAFKA_VERSION=(\\S+)$").matcher(dockerfile);
        assertTrue(version.find(), "no ARG KAFKA_VERSION=... in the Dockerfile");
        assertEquals(AppInfoParser.getVersion(), version.group(1),
                "deploy/aws/connect/Dockerfile's KAFKA_VERSION is not the root pom's kafka.version");
        assertTrue(dockerfile.contains("FROM apache/kafka:${KAFKA_VERSION}"), "not built on Apache Kafka's image");
        assertTrue(dockerfile.contains("ENTRYPOINT [\"/opt/kafka-dr/entrypoint.sh\"]"), dockerfile);
    }

    private Map<String, String> taskEnv(Path file) {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECT_BOOTSTRAP_SERVERS",
                "b-1.orders.kafka.us-west-2.amazonaws.com:9096,b-2.orders.kafka.us-west-2.amazonaws.com:9096");
        env.put("CONNECT_GROUP_ID", "kafka-dr-orders-secondary");
        env.put("ECS_CONTAINER_METADATA_URI_V4", "http://127.0.0.1:" + metadata.getAddress().getPort() + "/v4/ea32192c");
        env.put("KAFKADR_CONNECT_PROPERTIES", file.toString());
        env.put("KAFKADR_SECRETS_DIR", tmp.toString()); // the image's /etc/kafka-dr: Connect checks it exists
        return env;
    }

    private static Map<String, String> render(Map<String, String> env, Path file) throws Exception {
        DeployAws.Run run = DeployAws.run(List.of("deploy/aws/connect/entrypoint.sh", "--render-only"), env);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(file.toString(), run.output().trim());
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        Map<String, String> props = new HashMap<>();
        p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k)));
        return props;
    }
}
