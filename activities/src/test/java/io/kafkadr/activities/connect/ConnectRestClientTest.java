package io.kafkadr.activities.connect;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static io.kafkadr.activities.TestAsserts.assertNotContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.pair.ConnectEndpoint;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectRestClientTest {

    private static final String CONNECTOR = "mm2-local-primary-to-secondary-source";
    private static final Map<String, String> CONFIG = Map.of("tasks.max", "2", "topics", "orders");

    private final ConnectRestClient client = new ConnectRestClient(new SecretResolver(name -> null));
    private final MockConnect connect = new MockConnect();

    @AfterEach
    void stop() {
        connect.close();
    }

    @Test
    void putConfigSendsTheConfigAsJson() throws Exception {
        connect.respond(201, "{\"name\":\"" + CONNECTOR + "\",\"config\":{},\"tasks\":[]}");

        client.putConfig(connect.endpoint(), CONNECTOR, CONFIG);

        RecordedRequest request = connect.take();
        assertEquals("PUT", request.getMethod());
        assertEquals("/connectors/" + CONNECTOR + "/config", request.getTarget());
        assertContains(request.getHeaders().get("Content-Type"), "application/json");
        assertEquals(null, request.getHeaders().get("Authorization"), "no connectAuth: no login sent");
        assertEquals(CONFIG, new ObjectMapper().readValue(request.getBody().utf8(), Map.class));
    }

    @Test
    void conflictIsRetryableAndSaysConnectIsRebalancing() {
        ConnectRestException e = putConfigFails(409, "{\"error_code\":409,\"message\":\"Cannot complete request "
                + "momentarily due to stale configuration (typically caused by a concurrent config change)\"}");

        assertEquals(409, e.status());
        assertTrue(e.retryable());
        assertContains(e.getMessage(), "rebalancing");
        assertContains(e.getMessage(), "stale configuration");
    }

    @Test
    void badRequestIsNotRetryableAndCarriesConnectsMessage() {
        ConnectRestException e = putConfigFails(400, "{\"error_code\":400,\"message\":\"Connector configuration is "
                + "invalid and contains the following 1 error(s):\\nMissing required configuration\"}");

        assertEquals(400, e.status());
        assertFalse(e.retryable());
        assertContains(e.getMessage(), "PUT /connectors/" + CONNECTOR + "/config failed with HTTP 400");
        assertContains(e.getMessage(), "Connector configuration is invalid and contains the following 1 error(s)");
        assertContains(e.getMessage(), "fix the connector settings in the pair config");
        assertNotContains(e.getMessage(), "error_code");
    }

    @Test
    void serverErrorIsRetryable() {
        ConnectRestException e = putConfigFails(500, "{\"error_code\":500,\"message\":\"Request timed out\"}");

        assertEquals(500, e.status());
        assertTrue(e.retryable());
        assertContains(e.getMessage(), "HTTP 500: Request timed out");
    }

    @Test
    void otherClientErrorIsNotRetryable() {
        assertFalse(putConfigFails(404, "{\"error_code\":404,\"message\":\"Unknown plugin\"}").retryable());
    }

    @Test
    void nonJsonErrorBodyIsShownAsIs() {
        ConnectRestException e = putConfigFails(502, "<html><body>Bad Gateway</body></html>");

        assertContains(e.getMessage(), "HTTP 502: <html><body>Bad Gateway</body></html>");
    }

    @Test
    void longNonJsonErrorBodyIsCut() {
        ConnectRestException e = putConfigFails(503, "x".repeat(1000));

        assertContains(e.getMessage(), "x".repeat(300) + "...");
        assertNotContains(e.getMessage(), "x".repeat(301));
    }

    @Test
    void closedPortIsUnreachableAndRetryable() throws IOException {
        String deadUrl = MockConnect.deadUrl();

        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> client.putConfig(ConnectEndpoint.plain("secondary", deadUrl), CONNECTOR, CONFIG));

        assertEquals(ConnectRestException.UNREACHABLE, e.status());
        assertTrue(e.retryable());
        assertContains(e.getMessage(), "Connect REST did not answer");
        assertContains(e.getMessage(), "cluster 'secondary' connectUrl (" + deadUrl + ")");
    }

    @Test
    void malformedBaseUrlIsNotRetryable() {
        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> client.status(ConnectEndpoint.plain("secondary", "127.0.0.1:8083"), CONNECTOR));

        assertFalse(e.retryable());
        assertContains(e.getMessage(), "'127.0.0.1:8083' is not an http(s) URL; fix cluster 'secondary' connectUrl");
    }

    @Test
    void statusOfUnknownConnectorIsEmpty() throws Exception {
        connect.respond(404, "{\"error_code\":404,\"message\":\"No status found for connector " + CONNECTOR + "\"}");

        assertEquals(Optional.empty(), client.status(connect.endpoint(), CONNECTOR));
        assertEquals("/connectors/" + CONNECTOR + "/status", connect.take().getTarget());
    }

    @Test
    void statusIsParsed() {
        connect.respond(200, "{\"name\":\"" + CONNECTOR + "\",\"connector\":{\"state\":\"RUNNING\"},\"tasks\":[]}");

        JsonNode status = client.status(connect.endpoint(), CONNECTOR).orElseThrow();

        assertEquals("RUNNING", status.path("connector").path("state").asText());
    }

    @Test
    void restartConnectorRestartsOnlyFailedTasks() throws Exception {
        connect.respond(202, "");

        client.restartConnector(connect.endpoint(), CONNECTOR);

        assertPost("/connectors/" + CONNECTOR + "/restart?includeTasks=true&onlyFailed=true", connect.take());
    }

    @Test
    void restartTaskPostsToTheTask() throws Exception {
        connect.respond(204, "");

        client.restartTask(connect.endpoint(), CONNECTOR, 3);

        assertPost("/connectors/" + CONNECTOR + "/tasks/3/restart", connect.take());
    }

    @Test
    void offsetsAreParsed() throws Exception {
        connect.respond(200, """
                {"offsets": [{"partition": {"cluster": "primary", "partition": 2, "topic": "orders"},
                              "offset": {"offset": 42}}]}
                """);

        JsonNode offset = client.offsets(connect.endpoint(), CONNECTOR).orElseThrow().path("offsets").get(0);

        assertEquals("orders", offset.path("partition").path("topic").asText());
        assertEquals(2, offset.path("partition").path("partition").asInt());
        assertEquals(42, offset.path("offset").path("offset").asLong());
        assertEquals("/connectors/" + CONNECTOR + "/offsets", connect.take().getTarget());
    }

    private ConnectRestException putConfigFails(int code, String body) {
        connect.respond(code, body);
        return assertThrows(ConnectRestException.class, () -> client.putConfig(connect.endpoint(), CONNECTOR, CONFIG));
    }

    private static void assertPost(String target, RecordedRequest request) {
        assertEquals("POST", request.getMethod());
        assertEquals(target, request.getTarget());
    }
}
