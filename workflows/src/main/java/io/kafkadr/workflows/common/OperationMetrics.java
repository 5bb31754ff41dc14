package io.kafkadr.workflows.common;

import com.uber.m3.tally.Scope;
import io.temporal.workflow.Workflow;
import com.uber.m3.util.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What operations tell Prometheus, from workflow code: through {@link Workflow#getMetricsScope()},
 * which emits nothing while a history replays and adds no command to it (no {@code getVersion}
 * needed). The worker reports the scope into its {@code /metrics} (the Temporal SDK's Micrometer
 * reporter): a counter {@code X} is scraped as {@code X_total}, a timer {@code X} as the histogram
 * {@code X_seconds}. Every series carries the labels {@value #PAIR} and {@value #OPERATION}.
 */
public final class OperationMetrics {

    public static final String PREFIX = "kafkadr_";
    /** Counter: operations started. */
    public static final String STARTED = PREFIX + "operations_started";
    /** Counter: operations ended, with label {@value #OUTCOME}. */
    public static final String COMPLETED = PREFIX + "operations_completed";
    /** Counter: operations ended in an outcome other than success, with label {@value #OUTCOME}. */
    public static final String FAILED = PREFIX + "operations_failed";
    /** Timer: how long each step of an operation took, with label {@value #STEP}. */
    public static final String STEP_DURATION = PREFIX + "operation_step_duration";
    /** Gauge: the RTO of the pair's last failover or drill, in seconds. */
    public static final String LAST_RTO = PREFIX + "last_rto_seconds";
    /** Gauge: the records the pair's last failover or drill lost. */
    public static final String LAST_LOST = PREFIX + "last_records_lost";
    /** Gauge: the records the pair's last drill's canary read twice. */
    public static final String LAST_DUPLICATED = PREFIX + "last_records_duplicated";

    public static final String PAIR = "pair";
    public static final String OPERATION = "operation";
    public static final String OUTCOME = "outcome";
    public static final String STEP = "step";
    /** What a part of an operation (one group's move) is counted as. */
    public static final String PART = "group-move";

    /** Outcomes that are successes; any other outcome also counts in {@link #FAILED}. */
    static final Set<String> SUCCESSES = Set.of("completed", "passed");

    private OperationMetrics() {
    }

    private static Scope scope(String pair, String operation) {
        return Workflow.getMetricsScope().tagged(Map.of(PAIR, pair, OPERATION, operation == null ? PART : operation));
    }

    public static void started(String pair, String operation) {
        scope(pair, operation).counter(STARTED).inc(1);
    }

    public static void ended(String pair, String operation, String outcome) {
        Scope ended = scope(pair, operation).tagged(Map.of(OUTCOME, outcome));
        ended.counter(COMPLETED).inc(1);
        if (!SUCCESSES.contains(outcome)) {
            ended.counter(FAILED).inc(1);
        }
    }

    public static void step(String pair, String operation, String step, long millis) {
        scope(pair, operation).tagged(Map.of(STEP, stepLabel(step))).timer(STEP_DURATION)
                .record(Duration.ofMillis(Math.max(0, millis)));
    }

    /**
     * A step's label without the client it moved ({@code hand over consumer orders-app} is
     * {@code hand over consumer}): one series per kind of step, however many groups a pair has.
     */
    static String stepLabel(String step) {
        for (String kind : new String[] {" consumer ", " producer "}) {
            int at = step.indexOf(kind);
            if (at >= 0) {
                return step.substring(0, at + kind.length() - 1);
            }
        }
        return step;
    }

    /**
     * The figures of the pair's last failover or drill: {@code rtoMillis}, {@code lost},
     * {@code duplicated}; a negative figure is not known and is not set.
     */
    public static void last(String pair, String operation, long rtoMillis, long lost, long duplicated) {
        Scope s = scope(pair, operation);
        if (rtoMillis >= 0) {
            s.gauge(LAST_RTO).update(rtoMillis / 1000.0);
        }
        if (lost >= 0) {
            s.gauge(LAST_LOST).update(lost);
        }
        if (duplicated >= 0) {
            s.gauge(LAST_DUPLICATED).update(duplicated);
        }
    }
}
