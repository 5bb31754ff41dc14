package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.api.ApiClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The incident API on the real stack: {@code drctl api} as a process, tokens made with
 * {@code drctl api token}, a real HTTP client; every answer held against the API's /openapi.json.
 * Auth and bad input; a failover for an incident, asked for 20 times at once (one workflow),
 * waiting for approval while a failback is refused (409, naming it), approved by a token with the
 * approve scope only; its reports; then a failback through the API. Last, on the same stack, the
 * smoke runs of every other {@code drctl bench} command (README block {@code bench-smoke}): the
 * smallest sizes that still run each variant, so that no benchmark breaks in silence.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentApiE2ETest {

    private static final Path DIR = DrctlProcess.ROOT.resolve("e2e/target/incident-api");
    private static PairOperations operations;
    private static Process api;
    private static ApiClient client;
    private static String reader;
    private static String pager;
    private static String oncall;
    private static String failoverId;
    private static List<String> readme;
    private static String prelude;
    private static String incident;

    @BeforeAll
    static void stackAndApi() throws Exception {
        LocalPair.replicatingUnderTraffic();
        operations = new PairOperations();
        Files.createDirectories(DIR);
        readme = ReadmeBlock.lines("IncidentApiE2ETest");
        for (String made : List.of("api-tokens", "pagerduty.token", "oncall.token", "dashboard.token")) {
            Files.deleteIfExists(DrctlProcess.ROOT.resolve(".local").resolve(made)); // a run before this one's
        }
        for (int i = 0; i < 3; i++) { // drctl api token ... > .local/<name>.token
            DrctlProcess.Result made = ReadmeBlock.bash(null, readme.get(i));
            assertEquals(0, made.exitCode(), readme.get(i) + ": " + made);
        }
        pager = tokenFile("pagerduty");
        oncall = tokenFile("oncall");
        reader = tokenFile("dashboard");
        assertFalse(Files.readString(DrctlProcess.ROOT.resolve(".local/api-tokens")).contains(pager),
                "the tokens file holds a token itself");
        String apiLine = readme.get(3); // ./drctl api --port 8080 --tokens .local/api-tokens &
        assertTrue(apiLine.startsWith("./drctl api ") && apiLine.endsWith("&"), apiLine);
        String[] args = apiLine.substring("./drctl ".length(), apiLine.length() - 1).trim().split("\\s+");
        prelude = readme.get(4); // API=http://127.0.0.1:8080 INCIDENT=...
        assertTrue(prelude.startsWith("API=http://127.0.0.1:8080 INCIDENT="), prelude);
        incident = prelude.substring(prelude.indexOf("INCIDENT=") + "INCIDENT=".length()).trim();
        File err = DIR.resolve("api.err").toFile();
        Files.deleteIfExists(err.toPath());
        api = DrctlProcess.start(DIR.resolve("api.out").toFile(), err, args);
        int port = 8080;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                client = new ApiClient("http://127.0.0.1:" + port);
                break;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !api.isAlive()) {
                    throw new AssertionError("drctl api did not answer: " + Files.readString(err.toPath()), e);
                }
                Thread.sleep(500);
            }
        }
    }

    /** The token {@code drctl api token} printed (once) into .local/<name>.token. */
    private static String tokenFile(String name) throws IOException {
        String token = Files.readString(DrctlProcess.ROOT.resolve(".local/" + name + ".token")).trim();
        assertTrue(token.startsWith("kdr_"), name + ": " + token);
        return token;
    }

    /** README line {@code index} (a curl call), run by bash after the README's variables; its output as JSON. */
    private static JsonNode readmeCurl(int index) throws IOException {
        DrctlProcess.Result r = ReadmeBlock.bash(prelude, readme.get(index));
        assertEquals(0, r.exitCode(), readme.get(index) + ": " + r);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (api != null) {
                api.destroy(); // SIGTERM: the API stops gracefully
                assertTrue(api.waitFor(30, TimeUnit.SECONDS), "drctl api did not stop within 30 s of SIGTERM");
                String log = Files.readString(DIR.resolve("api.err"));
                assertTrue(log.contains("drctl api: stopping"), log);
                for (String token : List.of(reader, pager, oncall)) {
                    assertFalse(log.contains(token), "a token is in the API's log");
                }
                assertTrue(log.contains("POST /v1/pairs/local/failover 202 pagerduty"), "no access log line: " + log);
            }
        } finally {
            LocalPair.down(operations);
        }
    }

    @Test
    @Order(1)
    void authAndBadInputAreRefusedWithTheirStatus() throws Exception {
        String failover = "/v1/pairs/local/failover";
        String good = "{\"incidentId\":\"INC-0\",\"mode\":\"planned\"}";
        assertEquals(401, client.post(failover, null, good).status());
        assertEquals(401, client.post(failover, "kdr_forged", good).status());
        assertEquals(403, client.post(failover, reader, good).status());
        assertEquals(400, client.post(failover, pager, "{\"incidentId\":").status());
        var unknownField = client.post(failover, pager, "{\"incidentId\":\"INC-0\",\"mode\":\"planned\",\"pair\":{}}");
        assertEquals(400, unknownField.status());
        assertTrue(unknownField.json().get("message").asText().contains("\"pair\""), unknownField.body());
        assertEquals(404, client.post("/v1/pairs/elsewhere/failover", pager, good).status());
        assertEquals(413, client.post(failover, pager, "{\"reason\":\"" + "x".repeat(70_000) + "\"}").status());
        assertEquals(415, client.checked("POST", failover, pager, "application/x-www-form-urlencoded", "mode=planned")
                .status());
        JsonNode pairs = client.get("/v1/pairs", reader).json();
        assertTrue(pairs.get("pairs").findValuesAsText("name").contains("local"), pairs.toString());
        JsonNode pair = client.get("/v1/pairs/local", reader).json();
        assertEquals("primary", pair.get("active").asText(), pair.toString());
        assertTrue(pair.get("inFlight").isNull(), pair.toString());
        // the lag as the worker measures it (its collector runs every 5 s): one row per partition of orders
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode lag = pair.path("replication").path("lag");
        while (!lag.has("partitions") && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
            lag = client.get("/v1/pairs/local", reader).json().path("replication").path("lag");
        }
        assertTrue(lag.has("partitions"), "no lag from the worker's /metrics: " + lag);
        assertTrue(lag.get("partitions").findValuesAsText("topic").contains("orders"), lag.toString());
        assertTrue(lag.get("records").asLong() >= 0, lag.toString());
        // Prometheus scrapes the API without a token: its requests by route pattern, never by path
        var scrape = client.get("/metrics", null);
        assertEquals(200, scrape.status());
        assertTrue(scrape.body().contains("route=\"/v1/pairs/{pair}/failover\",status=\"401\""), scrape.body());
        assertFalse(scrape.body().contains(pager), "a token in /metrics");
    }

    @Test
    @Order(2)
    void twentyIdenticalCallsMakeOneFailoverThatWaitsForApproval() throws Exception {
        String body = "{\"incidentId\":\"" + incident + "\",\"mode\":\"planned\",\"requireApproval\":true,"
                + "\"reason\":\"e2e incident\"}";
        List<Integer> statuses = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ApiClient.Reply reply : client.postAtOnce(20, "/v1/pairs/local/failover", pager, body)) {
            statuses.add(reply.status());
            ids.add(reply.json().get("operationId").asText());
            assertTrue(reply.json().get("uiUrl").asText().startsWith("http://"), reply.body());
        }
        failoverId = "failover/local/incident-" + incident;
        assertEquals(Set.of(failoverId), ids);
        assertEquals(1, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
        assertEquals(200, client.post("/v1/pairs/local/failover", pager, body).status());
        assertEquals(failoverId, readmeCurl(5).get("operationId").asText(), "the README's failover call");
        operations.awaitListed("WorkflowId = '" + failoverId + "'", failoverId);
        assertEquals(1, operations.runs(failoverId).size(), "runs of " + failoverId);

        operations.awaitProgress(failoverId, p -> p.step().equals("await approval"), "its approval gate",
                Duration.ofMinutes(2));
        JsonNode pair = readmeCurl(6);
        assertEquals(failoverId, pair.path("inFlight").path("operationId").asText(), pair.toString());
        assertEquals("await approval", pair.path("inFlight").path("step").asText(), pair.toString());
        JsonNode op = client.get("/v1/operations/" + failoverId, reader).json();
        assertEquals("running", op.get("phase").asText());
        assertEquals("await approval", op.path("progress").path("step").asText(), op.toString());

        var failback = client.post("/v1/pairs/local/failback", pager, "{\"reason\":\"too early\"}");
        assertEquals(409, failback.status(), failback.body());
        assertEquals(failoverId, failback.json().get("operationId").asText());
    }

    @Test
    @Order(3)
    void onlyAnApproverApprovesAndTheFailoverCompletesWithItsReports() throws Exception {
        String approve = "/v1/operations/" + failoverId + "/approve";
        assertEquals(403, client.post(approve, pager, "{\"reason\":\"I triggered it\"}").status());
        JsonNode approved = readmeCurl(7); // the README's approval, with the oncall token
        assertEquals(failoverId, approved.get("operationId").asText(), approved.toString());

        JsonNode done = awaitEnd(failoverId, Duration.ofMinutes(4));
        assertEquals("completed", done.get("phase").asText(), done.toString());
        assertEquals("completed", done.get("outcome").asText(), done.toString());
        assertEquals("oncall", done.path("report").path("approvedBy").asText(), done.toString());
        assertTrue(done.path("report").path("reason").asText().contains("requested by pagerduty"), done.toString());

        assertEquals(done, readmeCurl(8));
        DrctlProcess.Result md0 = ReadmeBlock.bash(prelude, readme.get(9));
        assertTrue(md0.stdout().contains(failoverId) && md0.stdout().contains("oncall"), md0.toString());
        assertTrue(readmeCurl(10).get("operations").findValuesAsText("operationId").contains(failoverId));
        var json = client.get("/v1/operations/" + failoverId + "/report?format=json", reader);
        assertEquals(200, json.status());
        assertEquals(failoverId, json.json().get("operationId").asText());
        var md = client.get("/v1/operations/" + failoverId + "/report?format=md", reader);
        assertTrue(md.contentType().startsWith("text/markdown") && md.body().contains(failoverId), md.body());
        var html = client.get("/v1/operations/" + failoverId + "/report?format=html", reader);
        assertTrue(html.contentType().startsWith("text/html") && html.body().contains("<html"), html.contentType());
        assertEquals(400, client.get("/v1/operations/" + failoverId + "/report?format=pdf", reader).status());

        JsonNode listed = client.get("/v1/operations?pair=local&since=1h", reader).json();
        assertTrue(listed.get("operations").findValuesAsText("operationId").contains(failoverId), listed.toString());
        assertEquals("secondary", client.get("/v1/pairs/local", reader).json().get("active").asText());
    }

    @Test
    @Order(4)
    void aFailbackThroughTheApiCompletes() throws Exception {
        var started = client.post("/v1/pairs/local/failback", pager, "{\"reason\":\"incident over\",\"requireApproval\":false}");
        assertEquals(202, started.status(), started.body());
        String id = started.json().get("operationId").asText();
        assertTrue(id.startsWith("failback/local/"), id);
        JsonNode done = awaitEnd(id, Duration.ofMinutes(5));
        assertEquals("completed", done.get("outcome").asText(), done.toString());
        assertEquals("primary", client.get("/v1/pairs/local", reader).json().get("active").asText());
    }

    @Test
    @Order(5)
    void theBenchMeasuresTheFailoverRequest() {
        DrctlProcess.Result bench = DrctlProcess.run("bench", "api", "--calls", "3", "--token-file", ".local/pagerduty.token",
                "--url", "http://127.0.0.1:8080");
        assertEquals(0, bench.exitCode(), bench.toString());
        assertTrue(bench.stdout().contains("POST /v1/pairs/local/failover (a new incident each, requireApproval): 3 calls, "
                + "p50 "), bench.toString());
        assertEquals("primary", client.get("/v1/pairs/local", reader).json().get("active").asText(), "nothing moved");
        assertTrue(client.get("/v1/pairs/local", reader).json().get("inFlight").isNull(), "the bench left a failover");
    }

    /**
     * PagerDuty's webhook on a second API (--pagerduty): a forged delivery refused, a signed incident on
     * the mapped service starts its failover (waiting for approval), a redelivery joins it; cancelled, it
     * gives the pair back.
     */
    @Test
    @Order(6)
    void aSignedPagerDutyIncidentStartsItsFailoverAndAForgedOneIsRefused() throws Exception {
        String secret = "e2e-pagerduty-signing-secret";
        Path secretFile = Files.writeString(DIR.resolve("pd-secret"), secret);
        Path config = Files.writeString(DIR.resolve("pagerduty.yaml"), "secretRefs: [\"file:" + secretFile.toAbsolutePath()
                + "\"]\nmappings: [{pair: local, serviceId: PE2E001, mode: planned, requireApproval: true}]\n");
        File err = DIR.resolve("api-pd.err").toFile();
        Files.deleteIfExists(err.toPath());
        Process second = DrctlProcess.start(DIR.resolve("api-pd.out").toFile(), err, "api", "--port", "8081", "--tokens",
                ".local/api-tokens", "--pagerduty", config.toString());
        try {
            ApiClient pd = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (pd == null) {
                try {
                    pd = new ApiClient("http://127.0.0.1:8081");
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline || !second.isAlive()) {
                        throw new AssertionError("drctl api --pagerduty did not answer: " + Files.readString(err.toPath()), e);
                    }
                    Thread.sleep(500);
                }
            }
            String event = "{\"event\":{\"id\":\"01E2E\",\"event_type\":\"incident.triggered\",\"resource_type\":"
                    + "\"incident\",\"occurred_at\":\"" + java.time.Instant.now() + "\",\"data\":{\"id\":\"QE2E1\","
                    + "\"type\":\"incident\",\"number\":11,\"title\":\"eu-west-1 down\",\"service\":{\"id\":\"PE2E001\"}}}}";
            var forged = pagerDuty(pd, event, sign("not-the-secret", event));
            assertEquals(401, forged.status(), forged.body());
            var started = pagerDuty(pd, event, sign(secret, event));
            assertEquals(202, started.status(), started.body());
            String id = started.json().get("operationId").asText();
            assertEquals("failover/local/incident-pagerduty-QE2E1", id);
            assertEquals(200, pagerDuty(pd, event, sign(secret, event)).status(), "a redelivery joins the incident's failover");
            long gate = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!"await approval".equals(client.get("/v1/operations/" + id, reader).json().path("progress").path("step")
                    .asText())) {
                assertTrue(System.nanoTime() < gate, "the webhook's failover never waited for its approval");
                Thread.sleep(500);
            }
            DrctlProcess.Result cancel = DrctlProcess.exec(List.of("temporal", "workflow", "cancel", "--workflow-id", id), 1);
            assertEquals(0, cancel.exitCode(), cancel.toString());
            awaitEnd(id, Duration.ofSeconds(60));
            assertEquals("primary", client.get("/v1/pairs/local", reader).json().get("active").asText(), "nothing moved");
            assertFalse(Files.readString(err.toPath()).contains(secret), "the signing secret is in the API's log");
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code drctl bench failover} at its smallest: one group, bare, kafka-dr and runbook-fast once
     * (runbook-safe, which waits out MM2's 60 s timers, in the nightly test below). Restarts the
     * worker (as the bench does): run after the API tests.
     */
    @Test
    @Order(7)
    void benchFailoverSmokeRunsBareKafkaDrAndTheFastRunbook() throws Exception {
        assertFailoverBench(benchSmoke("./drctl bench failover --groups 1 --variants bare,", 10),
                List.of("bare", "kafka-dr", "runbook-fast"));
    }

    /** The runbook-safe variant's smoke run: about 3.5 minutes of MM2's timers, so nightly only. */
    @Test
    @Order(10)
    @Tag(UnplannedFailoverE2ETest.NIGHTLY)
    void benchFailoverSmokeRunsTheSafeRunbook() throws Exception {
        assertFailoverBench(benchSmoke("./drctl bench failover --groups 1 --variants runbook-safe", 10),
                List.of("runbook-safe"));
    }

    private static void assertFailoverBench(JsonNode r, List<String> variants) {
        JsonNode runs = r.get("runs");
        assertEquals(variants, names(runs, "variant"), r.toString());
        for (JsonNode run : runs) {
            String v = run.get("variant").asText();
            assertFalse(run.hasNonNull("error"), v + " failed: " + run); // the JSON leaves out what is null
            assertTrue(run.get("acked").asLong() > 0, v + ": nothing acknowledged: " + run);
            assertTrue(run.get("rtoMillis").asLong() > 0, v + ": no RTO: " + run);
            assertEquals(0, run.get("lost").asLong(), v + " lost records: " + run);
            if (!v.startsWith("runbook-")) { // MM2's checkpoints alone may replay: the runbook's duplicates are measured, not held
                assertEquals(0, run.get("duplicates").asLong(), v + " duplicated records: " + run);
            }
            assertTrue(r.at("/medians/" + v + "/rtoMillis/median").isNumber(), r.toString());
        }
        if (variants.contains("kafka-dr")) {
            assertTrue(r.at("/ratios/kafka-dr~1bare/rto").isNumber(), r.toString());
            assertTrue(r.at("/ratios/kafka-dr~1fast/rto").isNumber(), r.toString());
        }
    }

    @Test
    @Order(8)
    void benchReplicationSmokeRunsEveryVariant() throws Exception {
        JsonNode r = benchSmoke("./drctl bench replication ", 10);
        assertEquals(List.of("raw", "mm2-default", "mm2-tuned"), names(r.get("variants"), "variant"), r.toString());
        for (JsonNode row : r.get("variants")) {
            assertEquals(r.get("records").asLong(), row.get("records").asLong(), row.toString());
            assertTrue(row.get("seconds").asDouble() > 0, row.toString());
            if (!row.get("variant").asText().equals("raw")) {
                assertTrue(row.get("latency").get("samples").asLong() > 0, "no latency measured: " + row);
            }
        }
    }

    @Test
    @Order(9)
    void benchScaleSmokeFailsOverItsGroups() throws Exception {
        JsonNode r = benchSmoke("./drctl bench scale ", 10);
        assertEquals(1, r.get("runs").size(), r.toString());
        JsonNode run = r.get("runs").get(0);
        assertEquals("completed", run.get("outcome").asText(), run.toString());
        assertTrue(run.get("histories").asInt() > 0, run.toString());
        for (JsonNode check : r.get("checks")) {
            assertTrue(check.get("passed").asBoolean(), check.toString());
        }
    }

    /** The README's bench-smoke line starting with {@code command}, run as written: exit 0, its JSON; says how long it took. */
    private static JsonNode benchSmoke(String command, int timeoutMinutes) throws IOException {
        String line = ReadmeBlock.lines("bench-smoke").stream().filter(l -> l.startsWith(command)).findFirst()
                .orElseThrow(() -> new AssertionError("README's bench-smoke block has no line '" + command + "...'"));
        long started = System.nanoTime();
        DrctlProcess.Result r = ReadmeBlock.bash(null, line, timeoutMinutes);
        System.err.printf("[bench smoke] %s: %.1f s%n", line, (System.nanoTime() - started) / 1e9);
        assertEquals(0, r.exitCode(), line + ": " + r);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private static ApiClient.Reply pagerDuty(ApiClient pd, String body, String signature) {
        return pd.checked("POST", "/v1/webhooks/pagerduty", null, "application/json", body,
                java.util.Map.of("X-PagerDuty-Signature", signature));
    }

    private static String sign(String secret, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return "v1=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static JsonNode awaitEnd(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode op = null;
        while (System.nanoTime() < deadline) {
            op = client.get("/v1/operations/" + id, reader).json();
            if (!"running".equals(op.get("phase").asText())) {
                return op;
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError(id + " still runs after " + timeout + ": " + op);
    }
}
