package io.kafkadr.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kafkadr.operations.OperationFailedException;
import java.util.Optional;
import java.util.Set;

/** What the API answers when a call to Temporal fails. Pure. */
final class Failures {

    /** Seconds a client waits before it asks again while Temporal cannot be reached. */
    static final long RETRY_AFTER_SECONDS = 5;
    private static final Set<Status.Code> UNAVAILABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED);

    private Failures() {
    }

    /** The answer to {@code error}: 503 with Retry-After when Temporal cannot be reached, else empty (a 500). */
    static Optional<ApiError> of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ApiError api) {
                return Optional.of(api);
            }
            if (t instanceof StatusRuntimeException s && UNAVAILABLE.contains(s.getStatus().getCode())) {
                return Optional.of(ApiError.unavailable("Temporal cannot be reached (" + s.getStatus().getCode()
                        + "): retry later; the operator checks the API's --temporal address and the server",
                        RETRY_AFTER_SECONDS));
            }
            if (t instanceof OperationFailedException op && "Unreachable".equals(op.failureType())) {
                return Optional.of(ApiError.unavailable(op.getMessage(), RETRY_AFTER_SECONDS));
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return Optional.empty();
    }
}
