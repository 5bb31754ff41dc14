package io.kafkadr.api.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Decides what one PagerDuty v3 webhook delivery asks for, in this order:
 * <ol>
 *   <li>{@code X-PagerDuty-Signature} ({@code v1=<hex HMAC-SHA256 of the raw body>}, several
 *       comma-separated while a secret is replaced) must match a configured secret: else 401
 *       {@code unauthorized};</li>
 *   <li>the body must be a v3 event ({@code {"event": {"event_type", "occurred_at", "data", ...}}}): else 400
 *       {@code bad_request};</li>
 *   <li>its {@code occurred_at} must lie within the replay window (default 30 minutes old, 1 minute
 *       ahead, see {@link PagerDutyConfig#replayWindowSeconds()}): else 400 {@code outside_replay_window}.
 *       400, not 401: the delivery is authentic (its signature covers {@code occurred_at}), its content
 *       is refused; PagerDuty drops a delivery answered with a 4xx other than 429 without retrying it;</li>
 *   <li>an event type other than {@link PagerDutyConfig#triggerEvents()} (acknowledged, resolved,
 *       {@code pagey.ping}, ...) is ignored;</li>
 *   <li>the first mapping whose service id, or custom field name and value, matches the incident
 *       gives the pair: a failover under {@code pagerduty-<incident id>} (the API makes it
 *       idempotent per incident: a redelivery joins the same operation); no match is ignored.</li>
 * </ol>
 * No message quotes a secret, the expected signature or the one received.
 */
public final class PagerDutyWebhook {

    /** The header PagerDuty signs deliveries with, lower-case (HTTP header names are case-insensitive). */
    public static final String SIGNATURE_HEADER = "x-pagerduty-signature";
    /** The prefix of the incident ids this webhook starts failovers under. */
    public static final String INCIDENT_PREFIX = "pagerduty-";
    private static final Pattern INCIDENT_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final int MAX_TITLE = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PagerDutyConfig config;
    private final Clock clock;
    private final WebhookSecrets secrets;

    /** Resolves the config's secret references now (environment variables of this process, files). */
    public PagerDutyWebhook(PagerDutyConfig config, Clock clock) {
        this(config, clock, System::getenv);
    }

    PagerDutyWebhook(PagerDutyConfig config, Clock clock, Function<String, String> env) {
        this.config = config;
        this.clock = clock;
        this.secrets = WebhookSecrets.resolve(config.secretRefs(), env);
    }

    /** headers with lower-case names; the raw body bytes as received */
    public WebhookDecision handle(Map<String, String> headersLowerCase, byte[] body) {
        String signature = headersLowerCase.get(SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            return new WebhookDecision.Reject(401, "unauthorized", "the X-PagerDuty-Signature header is missing: "
                    + "send webhooks from a PagerDuty v3 webhook subscription, which signs each delivery");
        }
        byte[] raw = body == null ? new byte[0] : body;
        if (!secrets.verify(signature, raw)) {
            return new WebhookDecision.Reject(401, "unauthorized", "the X-PagerDuty-Signature matches no configured "
                    + "webhook secret: check that the API's secretRefs hold this subscription's signing secret");
        }
        JsonNode event;
        try {
            event = JSON.readTree(raw).path("event");
        } catch (JsonProcessingException e) {
            return badRequest("the body is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return badRequest("the body cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (!event.isObject() || !event.path("event_type").isTextual()) {
            return badRequest("expected a PagerDuty v3 webhook body {\"event\": {\"event_type\", \"occurred_at\", "
                    + "\"data\", ...}}");
        }
        Optional<WebhookDecision> stale = replayWindow(event.path("occurred_at"));
        if (stale.isPresent()) {
            return stale.get();
        }
        String type = event.get("event_type").asText();
        if (!config.triggerEvents().contains(type)) {
            return new WebhookDecision.Ignore("event type " + type + " does not trigger a failover (triggerEvents: "
                    + config.triggerEvents() + ")");
        }
        return incident(event.path("data"));
    }

    private Optional<WebhookDecision> replayWindow(JsonNode occurredAt) {
        Instant at;
        try {
            at = OffsetDateTime.parse(occurredAt.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return Optional.of(badRequest("event.occurred_at must be an ISO-8601 time such as "
                    + "2026-01-02T03:04:05.678Z (got " + (occurredAt.isMissingNode() ? "nothing" : occurredAt) + ")"));
        }
        Instant now = clock.instant();
        Duration age = Duration.between(at, now);
        if (age.compareTo(Duration.ofSeconds(config.replayWindowSeconds())) > 0) {
            return Optional.of(new WebhookDecision.Reject(400, "outside_replay_window", "the event occurred at " + at
                    + ", " + age.toSeconds() + " s ago, beyond the replay window of " + config.replayWindowSeconds()
                    + " s: a replayed or long-delayed delivery is refused; trigger the failover with "
                    + "POST /v1/pairs/{pair}/failover if it is still needed"));
        }
        if (age.negated().compareTo(Duration.ofSeconds(config.maxFutureSkewSeconds())) > 0) {
            return Optional.of(new WebhookDecision.Reject(400, "outside_replay_window", "the event is dated " + at
                    + ", " + age.negated().toSeconds() + " s ahead of this host's clock (at most "
                    + config.maxFutureSkewSeconds() + " s allowed): check the API host's clock (NTP)"));
        }
        return Optional.empty();
    }

    private WebhookDecision incident(JsonNode data) {
        // incident.* events carry the incident as data; custom field events carry a reference to it in data.incident
        JsonNode incident = "incident".equals(data.path("type").asText()) ? data : data.path("incident");
        String id = incident.path("id").asText("");
        if (!INCIDENT_ID.matcher(id).matches()) {
            return badRequest("expected the incident's id (letters and digits) at event.data.id or "
                    + "event.data.incident.id (got " + (id.isEmpty() ? "nothing" : "'" + abbreviate(id, 80) + "'") + ")");
        }
        String serviceId = incident.path("service").path("id").asText(null);
        for (PagerDutyConfig.Mapping m : config.mappings()) {
            boolean byService = m.serviceId() != null && m.serviceId().equals(serviceId);
            if (byService || (m.customField() != null && hasField(data.path("custom_fields"), m.customField()))) {
                return new WebhookDecision.Failover(m.pair(), INCIDENT_PREFIX + id, m.mode(), reason(incident, id, m),
                        m.requireApproval());
            }
        }
        return new WebhookDecision.Ignore("incident " + id + " (service " + serviceId + ") matches no mapping");
    }

    private static boolean hasField(JsonNode fields, PagerDutyConfig.CustomField wanted) {
        for (JsonNode field : fields) {
            if (wanted.name().equals(field.path("name").asText())) {
                JsonNode value = field.path("value");
                // a multi-value field holds a list: any of its values selects the pair
                for (JsonNode v : value.isArray() ? value : JSON.createArrayNode().add(value)) {
                    if (v.isValueNode() && !v.isNull() && wanted.value().equals(v.asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String reason(JsonNode incident, String id, PagerDutyConfig.Mapping m) {
        // a custom field event's incident reference has a summary, which may be null, and no title
        JsonNode named = incident.path("title").isTextual() ? incident.path("title") : incident.path("summary");
        String title = named.isTextual() ? named.asText() : "";
        String which = incident.path("number").canConvertToLong() ? "#" + incident.get("number").asLong() : id;
        return "PagerDuty incident " + which + ": " + (title.isBlank() ? m.selector() : abbreviate(title, MAX_TITLE));
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static WebhookDecision.Reject badRequest(String message) {
        return new WebhookDecision.Reject(400, "bad_request", message);
    }
}
