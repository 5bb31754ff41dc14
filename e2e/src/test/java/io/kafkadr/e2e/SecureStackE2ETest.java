package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.local.LocalSecurity;
import io.kafkadr.local.StackLayout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The secure local stack ({@code local up --secure}: SASL_SSL with SCRAM-SHA-512, a private CA,
 * StandardAuthorizer and a principal per role): the drill on it against the plain drill, measured
 * in one run; no password anywhere it must not be; and each security fault a non-retryable
 * failure that names the cluster, the principal and what failed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureStackE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StackLayout LAYOUT = new StackLayout(DrctlProcess.ROOT);
    private static final LocalSecurity SECURITY = new LocalSecurity(LAYOUT);
    private static final Path WORK = DrctlProcess.ROOT.resolve("e2e/target/secure");
    private static JsonNode secureDrill;

    @BeforeAll
    static void secureDrill() throws IOException {
        Files.createDirectories(WORK);
        // the plain drill is LocalStackE2ETest's; the two are timed against each other by the commands in the README
        assertEquals(0, DrctlProcess.run("local", "reset").exitCode(), "the secure stack is a new stack");
        secureDrill = drill("drill", "--local", "--secure", "--json");
    }

    private static JsonNode drill(String... args) throws IOException {
        DrctlProcess.Result drill = DrctlProcess.run(args);
        assertEquals(0, drill.exitCode(), drill.toString());
        return JSON.readTree(drill.stdout());
    }

    @AfterAll
    static void stackDown() {
        DrctlProcess.Result down = DrctlProcess.run("local", "down");
        assertEquals(0, down.exitCode(), down.toString());
    }

    @Test
    @Order(1)
    void theSecureDrillLosesAndDuplicatesNothing() {
        assertTrue(secureDrill.path("passed").asBoolean(), secureDrill.toString());
        for (JsonNode phase : secureDrill.path("phases")) {
            assertTrue(phase.path("passed").asBoolean(), phase.toString());
            if (phase.has("recordsLost")) {
                assertEquals(0, phase.path("recordsLost").asLong(), "lost records: " + phase);
                assertEquals(0, phase.path("duplicates").asLong(), "duplicates: " + phase);
            }
        }
        JsonNode failback = secureDrill.path("phases").get(3);
        String completed = failback.path("checks").get(0).path("detail").asText();
        assertTrue(completed.contains("DENY WRITE ACLs ([User:producer-p1]"), "the sample producer fenced: " + completed);
        assertFalse(completed.contains("User:" + LocalSecurity.MM2), "MM2 copies back, never fenced: " + completed);
        System.err.printf("secure drill: %d ms (stack up %d ms)%n", secureDrill.path("durationMillis").asLong(),
                secureDrill.path("stackUpMillis").asLong());
        for (String phase : List.of("replicate", "verify", "failover", "failback")) {
            System.err.printf("  %-10s secure %6d ms%n", phase, phaseMillis(secureDrill, phase));
        }
    }

    private static long phaseMillis(JsonNode report, String name) {
        for (JsonNode p : report.path("phases")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("durationMillis").asLong();
            }
        }
        return -1;
    }

    @Test
    @Order(2)
    void onlyAuthenticatedClientsOverTlsGetIn() throws Exception {
        DrctlProcess.Result status = DrctlProcess.run("local", "status", "--json");
        JsonNode security = JSON.readTree(status.stdout()).path("security");
        assertEquals("SASL_SSL", security.path("protocol").asText(), status.toString());
        assertEquals(SECURITY.caPem().toString(), security.path("tls").path("caFile").asText());
        // a PLAINTEXT client does not get past the TLS listener
        try (Admin plain = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:19092", "default.api.timeout.ms", 5000,
                "request.timeout.ms", 3000))) {
            assertThrows(ExecutionException.class, () -> plain.listTopics().names().get());
        }
        // a sample app's principal holds only its own grants: the producer may not read its topic
        Map<String, Object> producer = new HashMap<>(SECURITY.clientProps("producer-p1"));
        producer.put("bootstrap.servers", "127.0.0.1:19092");
        producer.put("group.id", "not-its-group");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(producer, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of("orders"));
            Exception e = assertThrows(Exception.class, () -> c.poll(Duration.ofSeconds(10)));
            assertTrue(e.getClass().getSimpleName().contains("AuthorizationException"), e.toString());
        }
    }

    @Test
    @Order(3)
    void connectorConfigsCarryReferencesAndNoPasswordIsAnywhere() throws Exception {
        SecretScan scan = new SecretScan(SECURITY.passwords());
        int connectors = 0;
        for (String url : List.of("http://127.0.0.1:8083", "http://127.0.0.1:8084")) {
            for (JsonNode name : JSON.readTree(get(url + "/connectors"))) {
                JsonNode config = JSON.readTree(get(url + "/connectors/" + name.asText() + "/config"));
                scan.json("GET " + url + "/connectors/" + name.asText() + "/config", config);
                assertTrue(config.path("source.cluster.sasl.jaas.config").asText()
                        .contains("password=\"${file:" + SECURITY.connectSecrets() + ":password}\""), config.toString());
                connectors++;
            }
        }
        assertTrue(connectors >= 3, "the restored primary -> secondary connectors are deployed: " + connectors);
        int records = 0;
        for (String side : List.of("primary", "secondary")) {
            records += scanConfigTopic(scan, side);
        }
        assertTrue(records > 0, "Connect's config topics hold the connectors");
        int histories = scanHistories(scan);
        assertTrue(histories > 10, "the drill's workflows: " + histories);
        Set<Path> skip = Set.of(SECURITY.root(), LAYOUT.config(), LAYOUT.tools(), LAYOUT.plugins());
        scan.tree(LAYOUT.root(), skip);
        assertEquals(List.of(), scan.hits(), "passwords found where none may be");
        System.err.printf("secret scan: %d passwords, %d connector configs, %d config records, %d histories, every file "
                + "under .local/ but security/, config/, tools/, plugins/: clean%n", SECURITY.passwords().size(),
                connectors, records, histories);

        Path planted = LAYOUT.logs().resolve("planted.log");
        Files.writeString(planted, "a careless line: " + SECURITY.password(LocalSecurity.MM2) + "\n");
        try {
            List<String> hits = new SecretScan(SECURITY.passwords()).tree(LAYOUT.root(), skip).hits();
            assertEquals(List.of(planted + ": secret " + LocalSecurity.MM2), hits, "the scan finds a planted password");
        } finally {
            Files.delete(planted);
        }
    }

    private static int scanConfigTopic(SecretScan scan, String side) {
        Map<String, Object> props = new HashMap<>(SECURITY.clientProps(LocalSecurity.BROKER));
        props.put("bootstrap.servers", side.equals("primary") ? "127.0.0.1:19092" : "127.0.0.1:29092");
        String topic = "connect-configs." + side + ".internal";
        int records = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofSeconds(1))) {
                    scan.text(topic + "@" + r.offset(), r.value() == null ? "" : new String(r.value(),
                            java.nio.charset.StandardCharsets.UTF_8));
                    records++;
                }
            }
        }
        return records;
    }

    /** Every workflow's history ({@code temporal workflow show --output json}); how many. */
    private static int scanHistories(SecretScan scan) throws IOException {
        DrctlProcess.Result list = DrctlProcess.exec(List.of("temporal", "workflow", "list", "--address", "127.0.0.1:7233",
                "--limit", "1000", "--output", "json"), 2);
        assertEquals(0, list.exitCode(), list.toString());
        int n = 0;
        for (JsonNode wf : JSON.readTree(list.stdout())) {
            String id = wf.path("execution").path("workflowId").asText();
            String run = wf.path("execution").path("runId").asText();
            DrctlProcess.Result show = DrctlProcess.exec(List.of("temporal", "workflow", "show", "--address",
                    "127.0.0.1:7233", "--workflow-id", id, "--run-id", run, "--output", "json"), 2);
            assertEquals(0, show.exitCode(), show.toString());
            scan.json("history of " + id, JSON.readTree(show.stdout()));
            n++;
        }
        return n;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    @Test
    @Order(4)
    void wrongPasswordUnknownUserUntrustedCaAndMissingAclFailAtOnceNamingClusterPrincipalAndFault() throws Exception {
        Path wrongPassword = secret("wrong-password.json", LocalSecurity.ORCHESTRATOR, "not-the-password-0");
        assertSecurityFailure("wrong-password", "file:" + wrongPassword, SECURITY.caPem(), PRIMARY,
                "authentication failed, wrong password or unknown user");
        Path unknown = secret("unknown-user.json", "nobody-here", "whatever-password-1");
        assertSecurityFailure("unknown-user", "file:" + unknown, SECURITY.caPem(), PRIMARY,
                "authentication failed, wrong password or unknown user");
        Path right = SECURITY.orchestratorSecret();
        assertSecurityFailure("untrusted-ca", "file:" + right, foreignCa(), PRIMARY,
                "TLS handshake failed, the broker's certificate is not trusted");
        // the sample consumer's principal: authenticated, reads 'orders' on the primary, but may not describe the
        // secondary's topic configs, the first thing verify asks the target
        Path consumer = secret("consumer.json", "consumer-orders-app", SECURITY.password("consumer-orders-app"));
        assertSecurityFailure("missing-acl", "file:" + consumer, SECURITY.caPem(), "cluster 'secondary' (127.0.0.1:29092)",
                "no ACL allows it on the topics involved");
    }

    private static final String PRIMARY = "cluster 'primary' (127.0.0.1:19092)";

    /**
     * A stray producer left on the old primary, with its own principal (the sample producer's, as a
     * copy of the app restarted there by hand), writes all through a planned failover and its
     * failback: the failback's write fence refuses it from before the salvage until the producers
     * move back, and every record the stray had acknowledged ends on the primary or in the
     * quarantine: nothing it was told was written is lost.
     */
    @Test
    @Order(5)
    void aStrayProducerIsRefusedByTheFailbacksFenceAndNothingItHadAcknowledgedIsLost() throws Exception {
        Path pair;
        try (var files = Files.list(DrctlProcess.ROOT.resolve(".local/pairs"))) {
            pair = files.filter(f -> f.getFileName().toString().startsWith("local.")).findFirst().orElseThrow();
        }
        DrctlProcess.Result failover = DrctlProcess.run("failover", "--pair", pair.toString(), "--mode", "planned");
        assertEquals(0, failover.exitCode(), failover.toString());

        Map<String, Object> props = new HashMap<>(SECURITY.clientProps("producer-p1"));
        props.put("bootstrap.servers", "127.0.0.1:19092");
        props.put("acks", "all");
        Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread stray = new Thread(() -> {
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props,
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.StringSerializer())) {
                for (int i = 0; !stop.get(); i++) {
                    String key = "stray-" + i;
                    try {
                        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("orders", key, key)).get();
                        acknowledged.add(key);
                    } catch (ExecutionException e) {
                        refusals.add(e.getCause().getClass().getSimpleName());
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        stray.start();
        Thread.sleep(5000);
        DrctlProcess.Result failback = DrctlProcess.run("failback", "--pair", pair.toString(), "--json");
        stop.set(true);
        stray.join(60_000);
        assertEquals(0, failback.exitCode(), failback.toString());
        JsonNode report = JSON.readTree(failback.stdout());
        System.err.println("stray producer: " + acknowledged.size() + " acknowledged, " + refusals.size()
                + " refused; fence " + report.path("writeFence") + "; salvaged " + report.path("recordsSalvaged"));

        assertEquals("completed", report.path("outcome").asText(), report.toString());
        assertTrue(report.path("writeFence").path("acls").toString().contains("User:producer-p1"), report.toString());
        assertTrue(refusals.contains("TopicAuthorizationException"), "refused by the fence: " + refusals);
        Set<String> kept = new java.util.HashSet<>(keysIn("127.0.0.1:19092", "orders"));
        kept.addAll(keysIn("127.0.0.1:29092", "_dr.orphans.orders"));
        Set<String> lost = new java.util.TreeSet<>(acknowledged);
        lost.removeAll(kept);
        assertTrue(acknowledged.size() > 0, "the stray wrote before the fence");
        assertEquals(Set.of(), lost, "acknowledged stray records on neither the primary nor in the quarantine");
    }

    /** Every key of {@code topic} (all partitions, read_committed), read as the orchestrator. */
    private static List<String> keysIn(String bootstrap, String topic) {
        Map<String, Object> props = new HashMap<>(SECURITY.clientProps(LocalSecurity.ORCHESTRATOR));
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", "read_committed");
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.key() != null) {
                        keys.add(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return keys;
    }

    private static void assertSecurityFailure(String name, String secretRef, Path ca, String cluster, String fault)
            throws IOException {
        Path pair = WORK.resolve(name + ".yaml");
        String security = "\n    security: {protocol: SASL_SSL, saslMechanism: SCRAM-SHA-512, secretRef: '" + secretRef
                + "', connectSecretRef: 'file:" + SECURITY.connectSecrets() + "', tls: {caFile: '" + ca + "'}}";
        String yaml = Files.readString(DrctlProcess.ROOT.resolve("pairs/local.yaml"))
                .replace("name: local", "name: sec-" + name)
                .replace("region: local-a", "region: local-a" + security)
                .replace("region: local-b", "region: local-b" + security);
        Files.writeString(pair, yaml);
        // an operator registers the pair on the worker's host: its secret reference is the worker's to read
        DrctlProcess.Result registered = DrctlProcess.run("pair", "register", pair.toString());
        assertEquals(0, registered.exitCode(), registered.toString());
        long started = System.nanoTime();
        DrctlProcess.Result verify = DrctlProcess.run("verify", "--pair", pair.toString());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String out = verify.stdout() + verify.stderr();
        assertNotEquals(0, verify.exitCode(), verify.toString());
        assertTrue(out.contains(cluster + " refused"), name + ": names the cluster\n" + out);
        assertTrue(out.contains("by the SCRAM-SHA-512 user of secretRef '" + secretRef + "'"), name + ": names the principal\n"
                + out);
        assertTrue(out.contains(fault), name + ": says what failed\n" + out);
        // non-retryable: the verification ends at the first refusal, not at its 120 s timeout after retries
        assertTrue(seconds < 60, name + ": took " + seconds + " s\n" + out);
        System.err.printf("%s: refused in %d s%n", name, seconds);
    }

    private static Path secret(String file, String user, String password) throws IOException {
        Path f = WORK.resolve(file);
        Files.writeString(f, JSON.writeValueAsString(Map.of("username", user, "password", password)));
        return f;
    }

    /** A CA of its own, which signed nothing the brokers present. */
    private static Path foreignCa() throws Exception {
        Path store = WORK.resolve("foreign-ca.p12");
        Path pem = WORK.resolve("foreign-ca.pem");
        Files.deleteIfExists(store);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "ca", "-dname", "CN=foreign CA", "-keyalg", "RSA", "-ext", "bc:c",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "foreign-store"));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass",
                "foreign-store", "-file", pem.toString()));
        return pem;
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), cmd + ": " + out);
    }
}
