package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.activities.connect.ConnectRestClient;
import io.kafkadr.activities.connect.ConnectRestException;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.pair.ConnectEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.login.Configuration;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import okhttp3.tls.HeldCertificate;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka-dr's Connect REST client against a real Kafka Connect worker that serves its REST API over
 * https ({@code listeners=https://...}, a certificate of a test CA) behind Connect's own basic auth
 * ({@code BasicAuthSecurityRestExtension}, a JAAS {@code PropertyFileLoginModule}). One KRaft
 * broker and one standalone Connect worker run in this JVM on free ports: the local stack is not
 * used (no lock needed) and the class takes about 10 s.
 */
class ConnectRestHttpsE2ETest {

    private static final String USER = "kafka-dr";
    private static final String PASSWORD = "c0nnect-basic-s3cret";
    private static final char[] STORE_PASSWORD = "keystore-pass".toCharArray();

    @TempDir
    static Path dir;

    private static KafkaRaftServer broker;
    private static Connect<StandaloneHerder> connect;
    private static String url;
    private static String caFile;
    private static String otherCaFile;
    private final ConnectRestClient client = new ConnectRestClient(new SecretResolver(name -> null));

    @BeforeAll
    static void start() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().commonName("kafka-dr test CA").certificateAuthority(0).build();
        HeldCertificate server = new HeldCertificate.Builder().commonName("connect")
                .addSubjectAlternativeName("localhost").signedBy(ca).build();
        caFile = write("ca.pem", ca.certificatePem());
        otherCaFile = write("other-ca.pem", new HeldCertificate.Builder().commonName("another CA")
                .certificateAuthority(0).build().certificatePem());
        Path keystore = dir.resolve("connect.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("connect", server.keyPair().getPrivate(), STORE_PASSWORD,
                new Certificate[] {server.certificate(), ca.certificate()});
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, STORE_PASSWORD);
        }

        // Connect's basic auth as an operator sets it up: a JAAS file named by a system property
        String users = write("connect-users.properties", USER + ": " + PASSWORD + "\n");
        String jaas = write("connect-jaas.conf", "KafkaConnect {\n  org.apache.kafka.connect.rest.basic.auth.extension."
                + "PropertyFileLoginModule required\n  file=\"" + users + "\";\n};\n");
        System.setProperty("java.security.auth.login.config", jaas);
        Configuration.setConfiguration(null);

        int kafkaPort = freePort();
        broker = startBroker(kafkaPort, freePort());
        int restPort = freePort();
        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", "127.0.0.1:" + kafkaPort);
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        worker.put("plugin.discovery", "service_load");
        worker.put("listeners", "https://localhost:" + restPort);
        worker.put("listeners.https.ssl.keystore.type", "PKCS12");
        worker.put("listeners.https.ssl.keystore.location", keystore.toString());
        worker.put("listeners.https.ssl.keystore.password", new String(STORE_PASSWORD));
        worker.put("listeners.https.ssl.key.password", new String(STORE_PASSWORD));
        worker.put("rest.extension.classes",
                "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension");
        connect = new ConnectStandalone().startConnect(worker);
        url = "https://localhost:" + restPort;
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
            connect.awaitStop();
        }
        if (broker != null) {
            broker.shutdown();
            broker.awaitShutdown();
        }
        System.clearProperty("java.security.auth.login.config");
        Configuration.setConfiguration(null);
    }

    @Test
    void overHttpsWithTheClustersCaAndItsLoginTheRestApiAnswers() throws IOException {
        ConnectEndpoint endpoint = new ConnectEndpoint("secondary", url, caFile, login("connect-login.json", PASSWORD));

        assertEquals(List.of(), client.connectors(endpoint));
        assertTrue(client.status(endpoint, "mm2-none-source").isEmpty(), "an unknown connector is a 404: empty");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutRetryAndSaysToCheckTheCredentials() throws IOException {
        String ref = login("wrong-login.json", "not-the-password");
        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> client.connectors(new ConnectEndpoint("secondary", url, caFile, ref)));

        assertEquals(401, e.status());
        assertFalse(e.retryable());
        assertContains(e.getMessage(), "GET /connectors failed with HTTP 401");
        assertContains(e.getMessage(), "Connect refused the login: check the username and password that cluster "
                + "'secondary' connectAuth.secretRef '" + ref + "' holds");
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
    }

    @Test
    void withoutALoginTheMessageSaysToGiveOne() {
        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> client.connectors(new ConnectEndpoint("secondary", url, caFile, null)));

        assertEquals(401, e.status());
        assertContains(e.getMessage(), "Connect's REST API asks for a login: give cluster 'secondary' "
                + "connectAuth.secretRef");
    }

    @Test
    void aCaThatDidNotSignConnectsCertificateIsRefusedWithoutRetry() throws IOException {
        ConnectRestException e = assertThrows(ConnectRestException.class, () -> client.connectors(
                new ConnectEndpoint("secondary", url, otherCaFile, login("login-2.json", PASSWORD))));

        assertEquals(ConnectRestException.MISCONFIGURED, e.status());
        assertFalse(e.retryable());
        assertContains(e.getMessage(), "the worker does not trust the certificate of Connect at " + url);
        assertContains(e.getMessage(), "the CA in cluster 'secondary' connectTls.caFile (" + otherCaFile
                + ") did not sign it");
    }

    private static KafkaRaftServer startBroker(int port, int controllerPort) throws IOException {
        Path data = Files.createDirectories(dir.resolve("kafka"));
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", data.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        Path file = data.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, null);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int formatted = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                file.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
        assertEquals(0, formatted, "formatting the broker's storage: " + output);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    private static String login(String name, String password) throws IOException {
        return "file:" + write(name, "{\"username\": \"" + USER + "\", \"password\": \"" + password + "\"}");
    }

    private static String write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected '" + expected + "' in:\n" + text);
    }
}
