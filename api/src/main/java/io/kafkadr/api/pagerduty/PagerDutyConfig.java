package io.kafkadr.api.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kafkadr.workflows.common.StrictJson;
import io.kafkadr.workflows.failover.FailoverRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The API's PagerDuty webhook settings, read from a YAML file ({@code drctl api --pagerduty FILE}):
 * <pre>
 * secretRefs:                 # the subscription's signing secret, by reference (never its value)
 *   - env:PAGERDUTY_WEBHOOK_SECRET
 *   - file:/run/secrets/pagerduty-webhook-next   # a second one while a secret is being replaced
 * replayWindowSeconds: 1800   # older deliveries are refused
 * maxFutureSkewSeconds: 60    # deliveries dated further ahead are refused
 * triggerEvents: [incident.triggered, incident.custom_field_values.updated]
 * mappings:                   # first match wins
 *   - pair: orders
 *     serviceId: PF9KMXH      # the PagerDuty service's id
 *     mode: unplanned
 *     requireApproval: true
 *   - pair: payments
 *     customField: {name: failover_pair, value: payments}
 * </pre>
 *
 * @param secretRefs           references to the webhook subscription's secret: {@code env:VAR} (the
 *                             variable holds the secret) or {@code file:/path} (the file holds it;
 *                             surrounding whitespace is dropped). Several while a secret is replaced:
 *                             a delivery signed with any of them is accepted.
 * @param replayWindowSeconds  how old (by the event's {@code occurred_at}) a delivery may be;
 *                             default {@value #DEFAULT_REPLAY_WINDOW_SECONDS}: PagerDuty retries a
 *                             delivery answered with 5xx or 429 (Temporal unavailable) up to 4 times
 *                             over about 20 minutes, and holds the subscription's later deliveries
 *                             meanwhile, so a shorter window drops the retries that would have started
 *                             the failover. A replay within the window is harmless: the same incident
 *                             joins the operation it already started, closed or not.
 * @param maxFutureSkewSeconds how far ahead of this host's clock an event may be dated (clock skew);
 *                             default {@value #DEFAULT_MAX_FUTURE_SKEW_SECONDS}
 * @param triggerEvents        the event types that may start a failover; default
 *                             {@value #DEFAULT_TRIGGER_EVENT}. Mapping by custom field needs
 *                             {@value #CUSTOM_FIELDS_EVENT}: PagerDuty sends custom field values only there.
 * @param mappings             which incidents fail over which pair
 */
public record PagerDutyConfig(List<String> secretRefs, Integer replayWindowSeconds, Integer maxFutureSkewSeconds,
                              List<String> triggerEvents, List<Mapping> mappings) {

    public static final int DEFAULT_REPLAY_WINDOW_SECONDS = 1800;
    public static final int DEFAULT_MAX_FUTURE_SKEW_SECONDS = 60;
    public static final String DEFAULT_TRIGGER_EVENT = "incident.triggered";
    public static final String CUSTOM_FIELDS_EVENT = "incident.custom_field_values.updated";

    private static final ObjectMapper YAML = StrictJson.strict(new ObjectMapper(new YAMLFactory()));
    private static final Pattern PAIR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern SECRET_REF = Pattern.compile("env:[A-Za-z_][A-Za-z0-9_]*|file:.+");

    /**
     * Incidents of one service, or with one custom field value, fail over {@code pair}.
     *
     * @param pair            a pair registered with the worker
     * @param serviceId       the PagerDuty service's id ({@code PF9KMXH}), or
     * @param customField     a custom field's name and value (on {@value #CUSTOM_FIELDS_EVENT} events)
     * @param mode            {@code planned} or {@code unplanned}; default {@code unplanned}: an
     *                        incident means the primary may be gone
     * @param requireApproval wait for an approval before acting; default true
     */
    public record Mapping(String pair, String serviceId, CustomField customField, String mode,
                          Boolean requireApproval) {

        public Mapping {
            mode = mode == null ? FailoverRequest.UNPLANNED : mode;
            requireApproval = requireApproval == null ? Boolean.TRUE : requireApproval;
        }

        /** What selects the incidents, as a message names it. */
        String selector() {
            return serviceId != null ? "serviceId " + serviceId : "customField " + customField.name() + "="
                    + customField.value();
        }
    }

    /** A custom field's name (not its display name) and the value that selects the pair. */
    public record CustomField(String name, String value) {
    }

    public PagerDutyConfig {
        secretRefs = secretRefs == null ? List.of() : List.copyOf(secretRefs);
        replayWindowSeconds = replayWindowSeconds == null ? DEFAULT_REPLAY_WINDOW_SECONDS : replayWindowSeconds;
        maxFutureSkewSeconds = maxFutureSkewSeconds == null ? DEFAULT_MAX_FUTURE_SKEW_SECONDS : maxFutureSkewSeconds;
        triggerEvents = triggerEvents == null ? List.of(DEFAULT_TRIGGER_EVENT) : List.copyOf(triggerEvents);
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
    }

    /** Reads and checks {@code file}; an {@link IllegalArgumentException} names every problem and its fix. */
    public static PagerDutyConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw error(file, List.of("cannot read it (" + e.getClass().getSimpleName() + "): give the path of "
                    + "the PagerDuty webhook config (working directory " + Path.of("").toAbsolutePath() + ")"));
        }
        PagerDutyConfig config;
        try {
            config = text.isBlank() ? null : YAML.readValue(text, PagerDutyConfig.class);
        } catch (JsonProcessingException e) {
            throw error(file, List.of(readProblem(text, e)));
        }
        if (config == null) {
            throw error(file, List.of("the file is empty: give at least secretRefs and mappings"));
        }
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw error(file, problems);
        }
        return config;
    }

    private static IllegalArgumentException error(Path file, List<String> problems) {
        return new IllegalArgumentException("PagerDuty webhook config " + file + ": " + String.join("; ", problems));
    }

    private static String readProblem(String text, JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            return "unknown key '" + unknown.getPropertyName() + "' at " + where(unknown)
                    + ": remove it or correct its spelling; known keys there: " + known;
        }
        return StrictJson.tokenProblem(e, "config")
                .map(p -> (p.path() == null ? "" : "key '" + p.path() + "' ") + p.message())
                .orElseGet(() -> e instanceof MismatchedInputException m && m.getTargetType() != null
                        && !m.getPath().isEmpty()
                        ? "at " + where(m) + ": " + mismatch(text, m)
                        : "not valid YAML (" + where(e) + "): " + e.getOriginalMessage());
    }

    private static String mismatch(String text, MismatchedInputException e) {
        String expected = StrictJson.expected(e.getTargetType());
        try {
            return StrictJson.mismatch(expected, StrictJson.at(YAML.readTree(text), e));
        } catch (JsonProcessingException unreadable) {
            return "expected " + expected;
        }
    }

    private static String where(JsonProcessingException e) {
        String line = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr();
        String path = e instanceof JsonMappingException m ? StrictJson.path(m) : "";
        return path.isEmpty() ? (line.isEmpty() ? "the top level" : line) : path + (line.isEmpty() ? "" : " (" + line + ")");
    }

    /** Every problem of this config, each with its fix (empty when it is usable). */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (secretRefs.isEmpty()) {
            problems.add("secretRefs is missing: give the webhook subscription's signing secret by reference, "
                    + "env:VAR or file:/path (the config never holds the secret itself)");
        }
        for (int i = 0; i < secretRefs.size(); i++) {
            // not quoted: what is written there instead of a reference may be the secret itself
            if (secretRefs.get(i) == null || !SECRET_REF.matcher(secretRefs.get(i)).matches()) {
                problems.add("secretRefs[" + i + "] is not a secret reference: write env:VAR (the variable holds "
                        + "the secret) or file:/path (the file holds it), never the secret itself");
            }
        }
        if (replayWindowSeconds <= 0) {
            problems.add("replayWindowSeconds must be positive (default " + DEFAULT_REPLAY_WINDOW_SECONDS + ")");
        }
        if (maxFutureSkewSeconds < 0) {
            problems.add("maxFutureSkewSeconds must be 0 or more (default " + DEFAULT_MAX_FUTURE_SKEW_SECONDS + ")");
        }
        if (triggerEvents.isEmpty() || triggerEvents.stream().anyMatch(t -> t == null || !t.startsWith("incident."))) {
            problems.add("triggerEvents must list incident event types, such as " + DEFAULT_TRIGGER_EVENT + " and "
                    + CUSTOM_FIELDS_EVENT + " (got " + triggerEvents + ")");
        }
        if (mappings.isEmpty()) {
            problems.add("mappings is missing: map a PagerDuty service (serviceId) or a custom field "
                    + "(customField: {name, value}) to a pair");
        }
        Set<String> selectors = new HashSet<>();
        for (int i = 0; i < mappings.size(); i++) {
            problems.addAll(mappingProblems("mappings[" + i + "]", mappings.get(i), selectors));
        }
        return problems;
    }

    private List<String> mappingProblems(String at, Mapping m, Set<String> selectors) {
        if (m == null) {
            return List.of(at + " is empty: give pair and serviceId or customField");
        }
        List<String> problems = new ArrayList<>();
        if (m.pair() == null || !PAIR_NAME.matcher(m.pair()).matches()) {
            problems.add(at + ".pair must name a registered pair (letters, digits, '.', '_', '-'; got "
                    + (m.pair() == null ? "nothing" : "'" + m.pair() + "'") + ")");
        }
        boolean byService = m.serviceId() != null && !m.serviceId().isBlank();
        boolean byField = m.customField() != null;
        if (byService == byField) {
            problems.add(at + " must give exactly one of serviceId (the PagerDuty service's id) or customField "
                    + "{name, value}");
        } else if (byField && (m.customField().name() == null || m.customField().name().isBlank()
                || m.customField().value() == null)) {
            problems.add(at + ".customField needs name (the field's name, not its display name) and value");
        } else {
            if (!selectors.add(m.selector())) {
                problems.add(at + ": " + m.selector() + " is mapped twice: keep one mapping per service or field value");
            }
            if (byField && !triggerEvents.contains(CUSTOM_FIELDS_EVENT)) {
                problems.add(at + " maps by customField, but PagerDuty sends custom field values only on "
                        + CUSTOM_FIELDS_EVENT + " events: add it to triggerEvents");
            }
        }
        if (!FailoverRequest.PLANNED.equals(m.mode()) && !FailoverRequest.UNPLANNED.equals(m.mode())) {
            problems.add(at + ".mode must be planned or unplanned (got '" + m.mode() + "')");
        }
        return problems;
    }
}
