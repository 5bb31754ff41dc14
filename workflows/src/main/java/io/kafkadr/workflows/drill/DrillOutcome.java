package io.kafkadr.workflows.drill;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How a drill ended. */
public enum DrillOutcome {
    /** Every phase and every objective passed; the pair is back where it started. */
    PASSED("passed"),
    /**
     * A check or an objective failed and no abort path had to run: nothing had moved yet, the
     * cycle ran to its end, or a phase failed where the pair entity's state is what the report
     * says (e.g. a failback that changed nothing, or a failover that failed before switching).
     */
    FAILED("failed"),
    /**
     * A phase failed after the pair had moved and an abort path ran: the failover's own abort
     * handed its clients back, the drill failed back, or an aborted failback stood down to the
     * secondary. Where the pair and its clients were left is in the report.
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
