package io.kafkadr.api.pagerduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PagerDutyWebhookTest {

    private static final String SECRET = "pd-secret-0123456789abcdef-current";
    private static final String NEXT_SECRET = "pd-secret-fedcba9876543210-next";
    private static final Instant NOW = Instant.parse("2026-12-03T16:00:00Z");
    private static final String ORDERS_SERVICE = "PF9KMXH";

    @TempDir
    Path dir;
    private PagerDutyWebhook webhook;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(dir.resolve("next-secret"), NEXT_SECRET + "\n");
        webhook = webhook("""
                secretRefs: [env:PD_SECRET, file:%s]
                replayWindowSeconds: 300
                triggerEvents: [incident.triggered, incident.custom_field_values.updated]
                mappings:
                  - pair: orders
                    serviceId: %s
                  - pair: payments
                    customField: {name: failover_pair, value: payments}
                    mode: planned
                    requireApproval: false
                """.formatted(dir.resolve("next-secret"), ORDERS_SERVICE));
    }

    private PagerDutyWebhook webhook(String yaml) throws Exception {
        return new PagerDutyWebhook(config(yaml), Clock.fixed(NOW, ZoneOffset.UTC),
                Map.of("PD_SECRET", SECRET)::get);
    }

    private PagerDutyConfig config(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("pagerduty.yaml"), yaml);
        return PagerDutyConfig.load(file);
    }

    /** A config with one secret and one mapping (orders by service), plus {@code more} lines. */
    private PagerDutyConfig oneMapping(String secretRef, String more) throws Exception {
        return config("secretRefs: [" + secretRef + "]\n" + more + "mappings: [{pair: orders, serviceId: PF9KMXH}]\n");
    }

    /** A real incident.triggered delivery, as PagerDuty's v3 documentation shows it. */
    private static String triggered(String serviceId, Instant occurredAt) {
        return """
                {"event":{"id":"01DEN9QB9VB2S6BYSPUFM3MXLE","event_type":"incident.triggered",\
                "resource_type":"incident","occurred_at":"%s",\
                "agent":{"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV",\
                "self":"https://api.pagerduty.com/users/PLH1HKV","summary":"Tenex Engineer","type":"user_reference"},\
                "client":{"name":"PagerDuty"},\
                "data":{"id":"PGR0VU2","type":"incident","self":"https://api.pagerduty.com/incidents/PGR0VU2",\
                "html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,"status":"triggered",\
                "incident_key":"d3640fbd41094207a1c11e58e46b1662","created_at":"2026-12-03T15:59:50Z",\
                "title":"us-east-1 brokers unreachable",\
                "service":{"html_url":"https://acme.pagerduty.com/services/%s","id":"%s",\
                "self":"https://api.pagerduty.com/services/%s","summary":"Orders Kafka","type":"service_reference"},\
                "assignees":[],"escalation_policy":{"id":"PUS0KTE","type":"escalation_policy_reference"},\
                "teams":[],"priority":{"id":"PSO75BM","summary":"P1","type":"priority_reference"},\
                "urgency":"high","conference_bridge":null,"resolve_reason":null}}}"""
                .formatted(occurredAt, serviceId, serviceId, serviceId);
    }

    /** An incident.custom_field_values.updated delivery (data type incident_field_values); {@code value} is JSON. */
    private static String customFields(String value, Instant occurredAt) {
        return """
                {"event":{"id":"01DVUHO8BSLR3RBYHMJCAWPXL1","event_type":"incident.custom_field_values.updated",\
                "resource_type":"incident","occurred_at":"%s","agent":null,"client":null,\
                "data":{"incident":{"html_url":"https://acme.pagerduty.com/incidents/Q1P3AHC","id":"Q1P3AHC",\
                "self":"https://api.pagerduty.com/incidents/Q1P3AHC","summary":null,"type":"incident_reference"},\
                "custom_fields":[\
                {"data_type":"string","id":"PT4KHLK","name":"region","type":"field_value","value":["us-east-1"],\
                "field_type":"multi_value_fixed"},\
                {"data_type":"string","id":"PT4KHLL","name":"failover_pair","type":"field_value","value":%s,\
                "field_type":"single_value"}],\
                "changed_custom_fields":[\
                {"data_type":"string","id":"PT4KHLL","name":"failover_pair","type":"field_value","value":%s,\
                "field_type":"single_value"}],\
                "type":"incident_field_values"}}}""".formatted(occurredAt, value, value);
    }

    private static String sign(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private WebhookDecision deliver(String signatureHeader, String body) {
        return webhook.handle(signatureHeader == null ? Map.of()
                : Map.of("x-pagerduty-signature", signatureHeader, "content-type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private WebhookDecision signedDelivery(String body) throws Exception {
        return deliver(sign(SECRET, body.getBytes(StandardCharsets.UTF_8)), body);
    }

    @Test
    void signedTriggeredIncidentOfAMappedServiceFailsOverItsPairWithApprovalByDefault() throws Exception {
        WebhookDecision decision = signedDelivery(triggered(ORDERS_SERVICE, NOW.minusSeconds(10)));
        assertEquals(new WebhookDecision.Failover("orders", "pagerduty-PGR0VU2", "unplanned",
                "PagerDuty incident #2: us-east-1 brokers unreachable", true), decision);
    }

    @Test
    void signatureWithTheRotatedSecretAmongSeveralIsAccepted() throws Exception {
        String body = triggered(ORDERS_SERVICE, NOW);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String header = sign("an-old-secret-no-longer-configured", bytes) + ", " + sign(NEXT_SECRET, bytes);
        assertInstanceOf(WebhookDecision.Failover.class, deliver(header, body));
    }

    @Test
    void forgedOrMissingSignatureIsUnauthorizedWithoutEchoingSecretsOrSignatures() throws Exception {
        String body = triggered(ORDERS_SERVICE, NOW);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String expected = sign(SECRET, bytes);
        String forged = sign("guessed-secret", bytes);
        // a valid signature of another body: the body was altered in transit
        String tampered = sign(SECRET, triggered("POTHER1", NOW).getBytes(StandardCharsets.UTF_8));
        for (String header : new String[] {forged, tampered, "v1=zz-not-hex", "v0=" + expected.substring(3), " "}) {
            WebhookDecision decision = deliver(header, body);
            WebhookDecision.Reject reject = assertInstanceOf(WebhookDecision.Reject.class, decision, header);
            assertEquals(401, reject.status());
            assertEquals("unauthorized", reject.error());
            for (String secretish : List.of(SECRET, NEXT_SECRET, expected.substring(3), forged.substring(3))) {
                assertFalse(reject.message().contains(secretish), reject.message());
            }
        }
        WebhookDecision.Reject missing = assertInstanceOf(WebhookDecision.Reject.class, deliver(null, body));
        assertEquals(401, missing.status());
        assertTrue(missing.message().contains("X-PagerDuty-Signature header is missing"), missing.message());
    }

    @Test
    void tooManySignaturesInOneHeaderAreRefused() throws Exception {
        String body = triggered(ORDERS_SERVICE, NOW);
        String good = sign(SECRET, body.getBytes(StandardCharsets.UTF_8));
        String header = String.join(",", java.util.Collections.nCopies(WebhookSecrets.MAX_SIGNATURES, "v1=00")) + ","
                + good;
        assertEquals(401, assertInstanceOf(WebhookDecision.Reject.class, deliver(header, body)).status());
    }

    @Test
    void replayedOldEventIsRefusedEvenWithAValidSignature() throws Exception {
        WebhookDecision.Reject reject = assertInstanceOf(WebhookDecision.Reject.class,
                signedDelivery(triggered(ORDERS_SERVICE, NOW.minusSeconds(301))));
        assertEquals(400, reject.status());
        assertEquals("outside_replay_window", reject.error());
        assertTrue(reject.message().contains("301 s ago"), reject.message());
        // just inside the window is accepted
        assertInstanceOf(WebhookDecision.Failover.class, signedDelivery(triggered(ORDERS_SERVICE, NOW.minusSeconds(300))));
    }

    @Test
    void eventDatedTooFarInTheFutureIsRefused() throws Exception {
        WebhookDecision.Reject reject = assertInstanceOf(WebhookDecision.Reject.class,
                signedDelivery(triggered(ORDERS_SERVICE, NOW.plusSeconds(61))));
        assertEquals(400, reject.status());
        assertTrue(reject.message().contains("ahead of this host's clock"), reject.message());
        assertInstanceOf(WebhookDecision.Failover.class, signedDelivery(triggered(ORDERS_SERVICE, NOW.plusSeconds(60))));
    }

    @Test
    void unmappedServiceIsIgnored() throws Exception {
        WebhookDecision.Ignore ignore = assertInstanceOf(WebhookDecision.Ignore.class,
                signedDelivery(triggered("PUNMAPD", NOW)));
        assertTrue(ignore.why().contains("PUNMAPD"), ignore.why());
    }

    @Test
    void otherEventTypesAreIgnored() throws Exception {
        String acknowledged = triggered(ORDERS_SERVICE, NOW).replace("incident.triggered", "incident.acknowledged");
        assertInstanceOf(WebhookDecision.Ignore.class, signedDelivery(acknowledged));
        String ping = "{\"event\":{\"id\":\"01\",\"event_type\":\"pagey.ping\",\"resource_type\":\"pagey\","
                + "\"occurred_at\":\"" + NOW + "\",\"agent\":null,\"client\":null,\"data\":{\"message\":\"Hello\"}}}";
        assertInstanceOf(WebhookDecision.Ignore.class, signedDelivery(ping));
    }

    @Test
    void incidentMappedByCustomFieldFailsOverWithTheMappingsModeAndApproval() throws Exception {
        assertEquals(new WebhookDecision.Failover("payments", "pagerduty-Q1P3AHC", "planned",
                        "PagerDuty incident Q1P3AHC: customField failover_pair=payments", false),
                signedDelivery(customFields("\"payments\"", NOW)));
        // a multi-value field: any of its values selects
        assertInstanceOf(WebhookDecision.Failover.class, signedDelivery(customFields("[\"orders\",\"payments\"]", NOW)));
        assertInstanceOf(WebhookDecision.Ignore.class, signedDelivery(customFields("\"inventory\"", NOW)));
        assertInstanceOf(WebhookDecision.Ignore.class, signedDelivery(customFields("null", NOW)));
    }

    @Test
    void malformedBodiesAreBadRequests() throws Exception {
        for (String body : List.of("{\"event\": {", "[1,2]", "", "{\"event\":{\"event_type\":\"incident.triggered\"}}",
                triggered(ORDERS_SERVICE, NOW).replace("\"id\":\"PGR0VU2\"", "\"id\":\"../../x\""))) {
            WebhookDecision.Reject reject = assertInstanceOf(WebhookDecision.Reject.class, signedDelivery(body), body);
            assertEquals(400, reject.status(), body);
            assertEquals("bad_request", reject.error(), body);
        }
    }

    @Test
    void theSameIncidentAlwaysNamesTheSameOperation() throws Exception {
        WebhookDecision first = signedDelivery(triggered(ORDERS_SERVICE, NOW.minusSeconds(30)));
        WebhookDecision redelivered = signedDelivery(triggered(ORDERS_SERVICE, NOW));
        assertEquals(((WebhookDecision.Failover) first).incidentId(),
                ((WebhookDecision.Failover) redelivered).incidentId());
    }

    @Test
    void unknownConfigKeyIsRefusedNamingItAndTheKnownKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("""
                secretRefs: [env:PD_SECRET]
                mappings:
                  - pair: orders
                    serviceID: PF9KMXH
                """));
        assertTrue(e.getMessage().contains("unknown key 'serviceID' at mappings[0]"), e.getMessage());
        assertTrue(e.getMessage().contains("serviceId"), e.getMessage());
        IllegalArgumentException top = assertThrows(IllegalArgumentException.class, () -> config("""
                secret: hunter2
                secretRefs: [env:PD_SECRET]
                mappings: [{pair: orders, serviceId: PF9KMXH}]
                """));
        assertTrue(top.getMessage().contains("unknown key 'secret'"), top.getMessage());
        assertFalse(top.getMessage().contains("hunter2"), top.getMessage());
    }

    @Test
    void configProblemsAreAllNamedWithTheirFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("""
                secretRefs: [hunter2]
                replayWindowSeconds: 0
                mappings:
                  - pair: orders
                  - pair: payments
                    customField: {name: failover_pair, value: payments}
                    mode: sideways
                  - pair: other
                    serviceId: PF9KMXH
                  - pair: again
                    serviceId: PF9KMXH
                """));
        String m = e.getMessage();
        assertFalse(m.contains("hunter2"), "a misplaced secret is echoed: " + m);
        for (String expected : List.of("secretRefs[0] is not a secret reference: write env:VAR",
                "replayWindowSeconds must be positive", "mappings[0] must give exactly one of serviceId",
                "mappings[1] maps by customField", "add it to triggerEvents", "mappings[1].mode must be planned or "
                        + "unplanned", "mappings[3]: serviceId PF9KMXH is mapped twice")) {
            assertTrue(m.contains(expected), "'" + expected + "' in: " + m);
        }
        IllegalArgumentException quoted = assertThrows(IllegalArgumentException.class,
                () -> oneMapping("env:PD_SECRET", "replayWindowSeconds: \"300\"\n"));
        assertTrue(quoted.getMessage().contains("at replayWindowSeconds (line 2): expected a whole number, got a "
                + "string (\"300\"): write the number without quotes"), quoted.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> config("\n"));
        assertTrue(empty.getMessage().contains("the file is empty"), empty.getMessage());
    }

    @Test
    void unresolvableSecretFailsAtStartNamingTheReferenceOnly() throws Exception {
        PagerDutyConfig config = oneMapping("env:PD_MISSING", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PagerDutyWebhook(config, Clock.systemUTC(), Map.of("PD_SECRET", SECRET)::get));
        assertTrue(e.getMessage().contains("environment variable PD_MISSING is not set"), e.getMessage());
        Files.writeString(dir.resolve("blank"), " \n");
        PagerDutyConfig blank = oneMapping("file:" + dir.resolve("blank"), "");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new PagerDutyWebhook(blank, Clock.systemUTC(), Map.<String, String>of()::get));
        assertTrue(empty.getMessage().contains("is empty"), empty.getMessage());
    }

    @Test
    void defaultsApplyWhenTheConfigOmitsThem() throws Exception {
        PagerDutyConfig config = oneMapping("env:PD_SECRET", "");
        assertEquals(List.of("incident.triggered"), config.triggerEvents());
        assertEquals(1800, config.replayWindowSeconds());
        assertEquals(60, config.maxFutureSkewSeconds());
        assertEquals("unplanned", config.mappings().get(0).mode());
        assertTrue(config.mappings().get(0).requireApproval());
    }
}
