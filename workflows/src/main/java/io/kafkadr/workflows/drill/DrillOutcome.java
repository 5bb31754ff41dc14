package io.kafkadr.workflows.drill;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How a drill ended. */
public enum DrillOutcome {
    /** Every phase and every objective passed; the pair is back where it started. */
    PASSED("passed"),
    /**
     * A check or an objective failed, and nothing needed standing down: either nothing had moved
     * yet, or the cycle ran to its end (the pair is back where it started).
     */
    FAILED("failed"),
    /**
     * A phase failed after the pair had moved, and the drill stood down: the failover's own abort
     * handed the clients back, or the drill failed back; where everything was left is in the report.
     */
    STOOD_DOWN("stood-down");

    private final String value;

    DrillOutcome(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static DrillOutcome of(String value) {
        return Arrays.stream(values()).filter(o -> o.value.equals(value)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("a drill outcome is 'passed', 'failed' or 'stood-down' (got '" + value + "')"));
    }
}
