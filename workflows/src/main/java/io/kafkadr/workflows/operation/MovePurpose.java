package io.kafkadr.workflows.operation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/** Why a consumer group moves: its operator choices differ. */
public enum MovePurpose {
    /** To the secondary; unhealthy: retry, skip the health check, or roll back to the primary. */
    FAILOVER("failover", List.of(ClientDecision.RETRY, ClientDecision.SKIP, ClientDecision.ROLLBACK)),
    /** Back to the primary; unhealthy (it is back on the secondary): retry, skip (stay), or abort the failback. */
    FAILBACK("failback", List.of(ClientDecision.RETRY, ClientDecision.SKIP, ClientDecision.ABORT));

    private final String value;
    private final List<String> decisions;

    MovePurpose(String value, List<String> decisions) {
        this.value = value;
        this.decisions = decisions;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** What the operator may answer when the moved group is not healthy. */
    public List<String> decisions() {
        return decisions;
    }

    @JsonCreator
    public static MovePurpose of(String value) {
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("purpose must be 'failover' or 'failback' (got '" + value + "')"));
    }
}
