package io.kafkadr.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal the API answers with status {@code status} and the JSON body
 * {@code {"error": <code>, "message": <what is wrong and what to do>}} (plus {@code operationId}
 * when another operation is in the way).
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String error;
    private final String operationId;
    private final Long retryAfterSeconds;

    public ApiError(int status, String error, String message) {
        this(status, error, message, null, null);
    }

    private ApiError(int status, String error, String message, String operationId, Long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.error = error;
        this.operationId = operationId;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "bad-request", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not-found", message);
    }

    /** Another operation holds the pair: its id is in the answer. */
    public static ApiError inFlight(String pair, String operationId) {
        return new ApiError(409, "operation-in-flight", "pair '" + pair + "' has operation " + operationId
                + " in flight: one operation at a time; follow it at GET /v1/operations/" + operationId, operationId, null);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message);
    }

    public static ApiError unavailable(String message, long retryAfterSeconds) {
        return new ApiError(503, "temporal-unavailable", message, null, retryAfterSeconds);
    }

    public static ApiError rateLimited(long retryAfterSeconds) {
        return new ApiError(429, "rate-limited", "too many requests for this token: retry after " + retryAfterSeconds
                + " s", null, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** The Retry-After header's seconds, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", getMessage());
        if (operationId != null) {
            body.put("operationId", operationId);
        }
        return body;
    }
}
