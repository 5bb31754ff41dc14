package io.kafkadr.api;

import io.kafkadr.workflows.common.StrictInput;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.operation.ClientDecision;
import java.util.List;
import java.util.regex.Pattern;

/** The request bodies the API reads, strictly (an unknown field is an error), and their checks. Pure. */
public final class Bodies {

    /** An incident id: part of the failover's workflow id, so plain characters only. */
    static final Pattern INCIDENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    static final int MAX_REASON = 1000;

    private Bodies() {
    }

    /** A body, checked after it was read: the same body with defaults filled in, or a 400 saying what is wrong. */
    public interface Checked<T> {
        T checked();
    }

    /** {@code POST /v1/pairs/{pair}/failover}. */
    public record Failover(String incidentId, String mode, String reason, Boolean requireApproval) implements Checked<Failover> {
        @Override
        public Failover checked() {
            if (incidentId == null || !INCIDENT.matcher(incidentId).matches()) {
                throw ApiError.badRequest("incidentId " + (incidentId == null ? "is missing" : "'" + incidentId
                        + "' has other characters than letters, digits, . _ : - (at most 128)")
                        + ": give the incident's id, e.g. \"incidentId\": \"INC-4711\" (one failover per incident)");
            }
            if (!List.of(FailoverRequest.PLANNED, FailoverRequest.UNPLANNED).contains(mode)) {
                throw ApiError.badRequest("mode " + (mode == null ? "is missing" : "'" + mode + "' is unknown")
                        + ": \"planned\" (both sides up) or \"unplanned\" (the primary is gone)");
            }
            return new Failover(incidentId, mode, defaultReason(reason), requireApproval);
        }
    }

    /** {@code POST /v1/pairs/{pair}/failback}. */
    public record Failback(String reason, Boolean requireApproval) implements Checked<Failback> {
        @Override
        public Failback checked() {
            return new Failback(defaultReason(reason), requireApproval);
        }
    }

    /** {@code POST /v1/pairs/{pair}/drills}. */
    public record Drill(String reason, Boolean requireApproval) implements Checked<Drill> {
        @Override
        public Drill checked() {
            return new Drill(defaultReason(reason), requireApproval);
        }
    }

    /** {@code POST /v1/operations/{id}/approve}. */
    public record Approve(String reason) implements Checked<Approve> {
        @Override
        public Approve checked() {
            return new Approve(reason == null ? "" : checkLength(reason));
        }
    }

    /** {@code POST /v1/operations/{id}/decide}: the same checks as drctl approve --client --action. */
    public record Decide(String client, String action) implements Checked<Decide> {
        @Override
        public Decide checked() {
            String problem = new ClientDecision(client, action, "api").malformed();
            if (problem != null) {
                throw ApiError.badRequest(problem.replace("drctl approve ... --client LABEL", "\"client\": \"consumer <group>\""));
            }
            return this;
        }
    }

    /** {@code json} as {@code type} (an empty body as all fields absent); 400 naming the field for anything else. */
    public static <T extends Checked<T>> T read(byte[] json, Class<T> type) {
        T body;
        try {
            body = StrictInput.read(json.length == 0 ? EMPTY : json, type);
            if (body == null) {
                body = StrictInput.read(EMPTY, type);
            }
        } catch (StrictInput.InvalidInputException e) {
            throw ApiError.badRequest(e.getMessage().replace("input field", "field").replace("the input", "the body"));
        }
        return body.checked();
    }

    private static final byte[] EMPTY = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static String defaultReason(String reason) {
        return reason == null || reason.isBlank() ? "requested through the incident API" : checkLength(reason);
    }

    private static String checkLength(String reason) {
        if (reason.length() > MAX_REASON) {
            throw ApiError.badRequest("reason is " + reason.length() + " characters long: at most " + MAX_REASON);
        }
        return reason;
    }
}
