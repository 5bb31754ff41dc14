package io.kafkadr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.api.pagerduty.PagerDutyConfig;
import io.kafkadr.api.pagerduty.PagerDutyWebhook;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.pair.PairRegistry;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The API against Temporal's test server (no worker: started operations wait in their queue):
 * auth and scopes, bad input, idempotent failover starts, the routes against the document.
 * Every answer is held against /openapi.json.
 */
class IncidentApiTest {

    @TempDir
    static Path dir;
    static TestServer.PortBoundTestServer temporal;
    static Operations ops;
    static IncidentApi api;
    static ApiClient client;
    static String reader;
    static io.kafkadr.temporal.metrics.Metrics metrics;
    static String operator;
    static final String PD_SECRET = "pd-test-secret-0123456789";

    @BeforeAll
    static void start() throws IOException {
        int temporalPort;
        try (ServerSocket s = new ServerSocket(0)) {
            temporalPort = s.getLocalPort();
        }
        temporal = TestServer.createPortBoundServer(temporalPort);
        TemporalOptions options = new TemporalOptions();
        new CommandLine(options).parseArgs("--temporal", "127.0.0.1:" + temporalPort);
        metrics = new io.kafkadr.temporal.metrics.Metrics();
        ops = new Operations(options, new PrintStream(OutputStream.nullOutputStream()), metrics.temporalScope());
        Path pairs = Files.createDirectories(dir.resolve("pairs"));
        Files.copy(Path.of("../pairs/local.yaml"), pairs.resolve("local.yaml"));
        Files.writeString(dir.resolve("pd-secret"), PD_SECRET);
        PagerDutyWebhook pagerDuty = new PagerDutyWebhook(PagerDutyConfig.load(Files.writeString(dir.resolve("pd.yaml"),
                "secretRefs: [file:" + dir.resolve("pd-secret") + "]\nmappings: [{pair: local, serviceId: PLOCAL1}]\n")),
                Clock.systemUTC());
        reader = TokenStore.newToken(new SecureRandom());
        operator = TokenStore.newToken(new SecureRandom());
        TokenStore tokens = TokenStore.parse(List.of(TokenStore.line("dashboard", EnumSet.of(Scope.READ), reader),
                TokenStore.line("pagerduty", EnumSet.of(Scope.READ, Scope.OPERATE), operator)), "test");
        api = new IncidentApi(new IncidentApi.Settings("127.0.0.1", 0, 1024, null, null, null, "default"),
                new PairRegistry(List.of(pairs)), tokens, ops, new RateLimiter(100, 100, System::nanoTime),
                Clock.systemUTC(), Optional.of(pagerDuty), metrics).start();
        client = new ApiClient("http://127.0.0.1:" + api.port());
    }

    @AfterAll
    static void stop() throws IOException {
        if (api != null) {
            api.close();
        }
        if (ops != null) {
            ops.close();
        }
        if (temporal != null) {
            temporal.close();
        }
    }

    @Test
    void withoutAValidTokenItIs401AndWithoutTheScope403() {
        var none = client.get("/v1/pairs", null);
        assertEquals(401, none.status());
        assertEquals("unauthorized", none.json().get("error").asText());
        assertEquals(401, client.get("/v1/pairs", "kdr_not-a-token").status());
        var forbidden = client.post("/v1/pairs/local/failover", reader, "{\"incidentId\":\"INC-1\",\"mode\":\"planned\"}");
        assertEquals(403, forbidden.status());
        assertTrue(forbidden.json().get("message").asText().contains("lacks scope 'operate'"), forbidden.body());
        assertEquals(200, client.get("/v1/pairs", reader).status());
        assertEquals("local", client.get("/v1/pairs", reader).json().get("pairs").get(0).get("name").asText());
    }

    @Test
    void badInputIsRefusedWithTheRightStatusAndSaysWhatIsWrong() {
        var malformed = client.post("/v1/pairs/local/failover", operator, "{\"incidentId\": ");
        assertEquals(400, malformed.status(), malformed.body());
        var unknown = client.post("/v1/pairs/local/failover", operator,
                "{\"incidentId\":\"INC-2\",\"mode\":\"planned\",\"pair\":\"other\"}");
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().get("message").asText().contains("unknown field \"pair\""), unknown.body());
        var badMode = client.post("/v1/pairs/local/failover", operator, "{\"incidentId\":\"INC-2\",\"mode\":\"soon\"}");
        assertEquals(400, badMode.status());
        assertTrue(badMode.json().get("message").asText().contains("mode 'soon' is unknown"), badMode.body());
        assertEquals(400, client.post("/v1/pairs/local/failover", operator, "{\"incidentId\":\"a/b\",\"mode\":\"planned\"}")
                .status());
        assertEquals(415, client.checked("POST", "/v1/pairs/local/failover", operator, "text/plain", "incident 7").status());
        var tooLarge = client.post("/v1/pairs/local/failover", operator,
                "{\"incidentId\":\"INC-3\",\"mode\":\"planned\",\"reason\":\"" + "x".repeat(2000) + "\"}");
        assertEquals(413, tooLarge.status());
        var unknownPair = client.post("/v1/pairs/nope/failover", operator, "{\"incidentId\":\"INC-4\",\"mode\":\"planned\"}");
        assertEquals(404, unknownPair.status());
        assertTrue(unknownPair.json().get("message").asText().contains("[local]"), unknownPair.body());
        assertEquals(404, client.get("/v1/pairs/nope", reader).status());
        assertEquals(404, client.get("/v1/operations/failover/local/incident-never", reader).status());
        assertEquals(400, client.get("/v1/operations", reader).status());
        assertEquals(400, client.get("/v1/operations?pair=local&since=yesterday", reader).status());
        var noRoute = client.send("GET", "/v2/nothing", reader, null, null);
        assertEquals(404, noRoute.status());
        assertEquals("not-found", noRoute.json().get("error").asText());
    }

    @Test
    void twentyConcurrentCallsForOneIncidentMakeOneOperation() throws Exception {
        String body = "{\"incidentId\":\"INC-20\",\"mode\":\"planned\",\"requireApproval\":true,\"reason\":\"test\"}";
        List<Integer> statuses = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ApiClient.Reply reply : client.postAtOnce(20, "/v1/pairs/local/failover", operator, body)) {
            statuses.add(reply.status());
            ids.add(reply.json().get("operationId").asText());
        }
        assertEquals(Set.of("failover/local/incident-INC-20"), ids);
        assertEquals(1, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        var again = client.post("/v1/pairs/local/failover", operator, body);
        assertEquals(200, again.status());
        var op = client.get("/v1/operations/failover/local/incident-INC-20", reader);
        assertEquals(200, op.status());
        assertEquals("running", op.json().get("phase").asText());
        assertEquals("failover", op.json().get("operation").asText());
        assertEquals(409, client.get("/v1/operations/failover/local/incident-INC-20/report", reader).status());
    }

    @Test
    void aSignedPagerDutyIncidentStartsItsFailoverOnceAndAForgedOneIsRefused() throws Exception {
        String event = "{\"event\":{\"id\":\"01E\",\"event_type\":\"%s\",\"resource_type\":\"incident\","
                + "\"occurred_at\":\"" + Instant.now() + "\",\"data\":{\"id\":\"Q1PD7\",\"type\":\"incident\","
                + "\"number\":7,\"title\":\"primary region down\",\"service\":{\"id\":\"PLOCAL1\"}}}}";
        String triggered = event.formatted("incident.triggered");
        var forged = pagerDuty(triggered, sign("not-the-secret", triggered));
        assertEquals(401, forged.status(), forged.body());
        var started = pagerDuty(triggered, sign(PD_SECRET, triggered));
        assertEquals(202, started.status(), started.body());
        assertEquals("failover/local/incident-pagerduty-Q1PD7", started.json().get("operationId").asText());
        assertEquals(200, pagerDuty(triggered, sign(PD_SECRET, triggered)).status(), "a redelivery joins it");
        String acknowledged = event.formatted("incident.acknowledged");
        var ignored = pagerDuty(acknowledged, sign(PD_SECRET, acknowledged));
        assertEquals(200, ignored.status());
        assertTrue(ignored.json().has("ignored"), ignored.body());
    }

    private static ApiClient.Reply pagerDuty(String body, String signature) {
        return client.checked("POST", "/v1/webhooks/pagerduty", null, "application/json", body, 
                java.util.Map.of("X-PagerDuty-Signature", signature));
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDrillAndAFailbackStartAsOperationsOfTheirOwn() {
        var drill = client.post("/v1/pairs/local/drills", operator, "{\"reason\":\"quarterly\"}");
        assertEquals(202, drill.status(), drill.body());
        assertTrue(drill.json().get("operationId").asText().startsWith("drill/local/"), drill.body());
        var failback = client.post("/v1/pairs/local/failback", operator, null);
        assertEquals(202, failback.status(), failback.body());
        assertTrue(failback.json().get("url").asText().startsWith("/v1/operations/failback/local/"), failback.body());
        var approve = client.post("/v1/operations/" + failback.json().get("operationId").asText() + "/approve", operator,
                "{}");
        assertEquals(403, approve.status(), "operate is not approve");
    }

    /** Prometheus scrapes without a token; requests are counted by route pattern and status, never by path. */
    @Test
    void metricsCountRequestsByRouteAndStatus() {
        assertEquals(401, client.get("/v1/pairs", null).status());
        assertEquals(404, client.get("/v1/operations/failover/local/incident-nothing-here", reader).status());
        var scrape = client.get("/metrics", null);
        assertEquals(200, scrape.status(), scrape.body());
        assertTrue(scrape.body().contains("kafkadr_api_requests_seconds_count{method=\"GET\",route=\"/v1/pairs\",status=\"401\"}"),
                scrape.body());
        assertTrue(scrape.body().contains("route=\"/v1/operations/{id}\",status=\"404\""), scrape.body());
        assertFalse(scrape.body().contains("incident-nothing-here"), "no series per path");
        assertTrue(scrape.body().contains("temporal_"), "the SDK's client metrics are not there");
    }

    @Test
    void theServerServesExactlyTheDocumentedRoutes() {
        Set<IncidentApi.Route> documented = new HashSet<>(client.contract().routes());
        assertEquals(documented, new HashSet<>(api.servedRoutes()));
        assertEquals(documented, new HashSet<>(api.routes()));
    }
}
