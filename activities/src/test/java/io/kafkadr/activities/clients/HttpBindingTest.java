package io.kafkadr.activities.clients;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The http binding against an application played by MockWebServer. */
class HttpBindingTest {

    /** This binding reads nothing of the pair. */
    private static final PairConfig NO_PAIR = null;

    private static final ClusterConfig SECONDARY = new ClusterConfig("secondary", "127.0.0.1:29092,127.0.0.1:29093",
            "region-secondary", "http://127.0.0.1:8083", null);

    private final MockWebServer app = new MockWebServer();
    private final HttpBinding binding = new HttpBinding(new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).build());

    @BeforeEach
    void startApp() throws IOException {
        app.start();
    }

    @AfterEach
    void stopApp() {
        app.close();
    }

    private ClientRef client(Map<String, String> settings) {
        return new ClientRef(ClientRef.CONSUMER, "orders-app", new ClientBinding("http", settings));
    }

    /** A client whose control and status URLs are the mock application's. */
    private ClientRef client() {
        return client(Map.of("controlUrl", app.url("/control").toString(), "statusUrl", app.url("/status").toString()));
    }

    private void respond(int code, String body) {
        app.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = app.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "no request reached the application");
        return request;
    }

    private static ApplicationFailure fails(Executable call) {
        return assertThrows(ApplicationFailure.class, call);
    }

    /** A URL nobody listens on: the port was free a moment ago. */
    private static String deadUrl(String path) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + path;
        }
    }

    @Test
    void startPostsTheTargetClusterToTheControlUrl() throws Exception {
        respond(200, "{}");

        binding.start(NO_PAIR, client(), SECONDARY);

        RecordedRequest request = take();
        assertEquals("POST", request.getMethod());
        assertEquals("/control", request.getTarget());
        assertContains(request.getHeaders().get("Content-Type"), "application/json");
        assertEquals(Map.of("action", "start", "cluster", "secondary", "bootstrapServers", "127.0.0.1:29092,127.0.0.1:29093"),
                new ObjectMapper().readValue(request.getBody().utf8(), Map.class));
    }

    @Test
    void stopPostsAStopAction() throws Exception {
        respond(204, "");

        binding.stop(NO_PAIR, client());

        RecordedRequest request = take();
        assertEquals("POST", request.getMethod());
        assertEquals(Map.of("action", "stop"), new ObjectMapper().readValue(request.getBody().utf8(), Map.class));
    }

    @Test
    void clientErrorIsANonRetryableBadInputCarryingTheBody() {
        respond(400, "unknown cluster 'secondary'");

        ApplicationFailure failure = fails(() -> binding.start(NO_PAIR, client(), SECONDARY));

        assertAll(
                () -> assertEquals(ActivityFailures.BAD_INPUT, failure.getType()),
                () -> assertTrue(failure.isNonRetryable()),
                () -> assertContains(failure.getOriginalMessage(), "consumer orders-app"),
                () -> assertContains(failure.getOriginalMessage(), "refused start with HTTP 400"),
                () -> assertContains(failure.getOriginalMessage(), "unknown cluster 'secondary'"));
    }

    @Test
    void serverErrorIsRetryable() {
        respond(503, "restarting");

        ApplicationFailure failure = fails(() -> binding.stop(NO_PAIR, client()));

        assertFalse(failure.isNonRetryable());
        assertEquals(ActivityFailures.NOT_READY, failure.getType());
        assertContains(failure.getOriginalMessage(), "HTTP 503");
    }

    @Test
    void unreachableApplicationIsRetryable() throws IOException {
        String control = deadUrl("/control");

        ApplicationFailure failure = fails(() -> binding.start(NO_PAIR, client(Map.of("controlUrl", control)), SECONDARY));

        assertFalse(failure.isNonRetryable());
        assertEquals(ActivityFailures.UNREACHABLE, failure.getType());
        assertContains(failure.getOriginalMessage(), control + " did not answer");
    }

    @Test
    void missingControlUrlIsABadInputNamingTheSetting() {
        ApplicationFailure failure = fails(() -> binding.start(NO_PAIR, client(Map.of("statusUrl", app.url("/status").toString())),
                SECONDARY));

        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertTrue(failure.isNonRetryable());
        assertContains(failure.getOriginalMessage(), "settings.controlUrl");
        assertEquals(0, app.getRequestCount());
    }

    @Test
    void controlUrlMustBeAnHttpUrl() {
        ApplicationFailure failure = fails(() -> binding.stop(NO_PAIR, client(Map.of("controlUrl", "127.0.0.1:8080/control"))));

        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertContains(failure.getOriginalMessage(), "settings.controlUrl");
    }

    @Test
    void reportedClusterIsReadFromTheStatusUrl() throws Exception {
        respond(200, "{\"cluster\":\"secondary\",\"lag\":3}");

        assertEquals(Optional.of("secondary"), binding.reportedCluster(client()));

        RecordedRequest request = take();
        assertEquals("GET", request.getMethod());
        assertEquals("/status", request.getTarget());
    }

    @Test
    void noReportedClusterOnAServerError() {
        respond(500, "{\"cluster\":\"primary\"}");

        assertEquals(Optional.empty(), binding.reportedCluster(client()));
    }

    @Test
    void noReportedClusterWhenTheStatusNamesNone() {
        respond(200, "{\"state\":\"starting\"}");

        assertEquals(Optional.empty(), binding.reportedCluster(client()));
    }

    @Test
    void noReportedClusterWhenTheApplicationIsUnreachable() throws IOException {
        assertEquals(Optional.empty(), binding.reportedCluster(client(Map.of("statusUrl", deadUrl("/status")))));
    }

    @Test
    void missingStatusUrlIsABadInputNamingTheSetting() {
        ApplicationFailure failure = fails(() -> binding.reportedCluster(
                client(Map.of("controlUrl", app.url("/control").toString()))));

        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertContains(failure.getOriginalMessage(), "settings.statusUrl");
    }
}
