package io.kafkadr.worker.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.activities.connect.ConnectRestClient;
import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.drpair.DrPairWorkflow;
import io.kafkadr.workflows.drpair.OperationRef;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.Objectives;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairRegistry;
import io.kafkadr.workflows.replication.MirrorConnector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The worker's light collector: every few seconds, for every pair the worker serves, what the
 * pair's entity knows (active side, lock holder, the last drill), the approval an operation waits
 * for, the MM2 connectors' and tasks' states (Connect REST) and, while replication runs, the
 * replication lag per partition ({@link LagProbe}). Each metric is one {@link MultiGauge}
 * whose rows are replaced every round, so a pair or partition that is gone stops being exported.
 * A part that fails for a pair leaves that part out for the round and counts in
 * {@value #ERRORS}; the message is logged, never a secret (no config values are printed).
 */
public final class PairCollector implements AutoCloseable {

    public static final String LAG_RECORDS = io.kafkadr.temporal.metrics.LagSeries.RECORDS;
    public static final String LAG_SECONDS = io.kafkadr.temporal.metrics.LagSeries.SECONDS;
    public static final String RPO_SECONDS = "kafkadr_pair_rpo_objective_seconds";
    public static final String RPO_RECORDS = "kafkadr_pair_rpo_objective_records";
    public static final String RTO_SECONDS = "kafkadr_pair_rto_objective_seconds";
    public static final String ACTIVE = "kafkadr_pair_active";
    public static final String REPLICATING = "kafkadr_pair_replicating";
    public static final String LOCKED = "kafkadr_pair_locked";
    public static final String CONNECTOR_STATE = "kafkadr_mm2_connector_state";
    public static final String TASKS = "kafkadr_mm2_tasks";
    public static final String FAILED_TASKS = "kafkadr_mm2_failed_tasks";
    public static final String AWAITING_APPROVAL = "kafkadr_operation_awaiting_approval_seconds";
    public static final String DRILL_FAILED = "kafkadr_drill_last_failed";
    public static final String DRILL_ENDED = "kafkadr_drill_last_end_timestamp_seconds";
    public static final String ERRORS = "kafkadr_collector_errors";
    public static final String LAST_ROUND = "kafkadr_collector_last_round_timestamp_seconds";

    /** The default period between two rounds. */
    public static final int DEFAULT_INTERVAL_SECONDS = 5;
    /** The step an operation waits for approval at ({@code Timeline}'s name for it). */
    static final String AWAIT_APPROVAL = "await approval";

    private final PairRegistry pairs;
    private final WorkflowClient client;
    private final ConnectRestClient connect;
    private final LagProbe lag;
    private final LastDrills drills;
    private final MeterRegistry registry;
    private final LongSupplier clock;
    private final Map<String, MultiGauge> gauges = new LinkedHashMap<>();
    private ScheduledExecutorService executor;

    public PairCollector(PairRegistry pairs, WorkflowClient client, KafkaAdmins admins, ConnectRestClient connect,
                         MeterRegistry registry) {
        this.pairs = pairs;
        this.client = client;
        this.connect = connect;
        this.clock = System::currentTimeMillis;
        this.lag = new LagProbe(admins, clock);
        this.drills = new LastDrills(client);
        this.registry = registry;
        for (String name : List.of(LAG_RECORDS, LAG_SECONDS, RPO_SECONDS, RPO_RECORDS, RTO_SECONDS, ACTIVE, REPLICATING,
                LOCKED, CONNECTOR_STATE, TASKS, FAILED_TASKS, AWAITING_APPROVAL, DRILL_FAILED, DRILL_ENDED)) {
            gauges.put(name, MultiGauge.builder(name).register(registry));
        }
        registry.gauge(LAST_ROUND, lastRound);
    }

    private final java.util.concurrent.atomic.AtomicLong lastRound = new java.util.concurrent.atomic.AtomicLong();

    /** Collects now, then every {@code interval} on a thread of its own. */
    public void start(Duration interval) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-collector");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::collectSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void collectSafely() {
        try {
            collect();
        } catch (RuntimeException e) {
            error("*", "round", e);
        }
    }

    /** One round over every pair served. */
    public void collect() {
        Map<String, List<MultiGauge.Row<?>>> rows = new LinkedHashMap<>();
        gauges.keySet().forEach(name -> rows.put(name, new ArrayList<>()));
        for (PairConfig pair : pairs.all()) {
            collect(pair, rows);
        }
        rows.forEach((name, r) -> gauges.get(name).register(r, true));
        lastRound.set(clock.getAsLong() / 1000);
    }

    private void collect(PairConfig pair, Map<String, List<MultiGauge.Row<?>>> rows) {
        Tags p = Tags.of("pair", pair.name());
        Objectives o = pair.objectives() == null ? Objectives.none() : pair.objectives();
        if (o.hasRpoSeconds()) {
            rows.get(RPO_SECONDS).add(MultiGauge.Row.of(p, o.rpoSeconds()));
        }
        if (o.hasRpo()) {
            rows.get(RPO_RECORDS).add(MultiGauge.Row.of(p, o.rpoRecords()));
        }
        if (o.hasRto()) {
            rows.get(RTO_SECONDS).add(MultiGauge.Row.of(p, o.rtoSeconds()));
        }
        Optional<PairState> state = attempt(pair, "pair-state", () -> state(pair.name())).flatMap(s -> s);
        if (state.isEmpty()) {
            return;
        }
        PairState s = state.get();
        for (String alias : List.of(pair.primary(), pair.secondary())) {
            rows.get(ACTIVE).add(MultiGauge.Row.of(p.and("cluster", alias), alias.equals(s.active()) ? 1 : 0));
        }
        OperationRef holder = s.inFlight();
        rows.get(LOCKED).add(MultiGauge.Row.of(holder == null ? p.and("operation", "", "operation_id", "")
                : p.and("operation", holder.type(), "operation_id", holder.id()), holder == null ? 0 : 1));
        // 0 without labels when nothing waits: the series exists for every pair with an entity
        Optional<Double> waiting = holder == null ? Optional.empty()
                : attempt(pair, "approval", () -> approvalWait(holder)).flatMap(w -> w);
        rows.get(AWAITING_APPROVAL).add(waiting.isEmpty() ? MultiGauge.Row.of(p.and("operation", "", "operation_id", ""), 0)
                : MultiGauge.Row.of(p.and("operation", holder.type(), "operation_id", holder.id()), waiting.get()));
        attempt(pair, "drills", () -> drills.last(pair.name())).ifPresent(last -> last.forEach(drill -> {
            Tags t = p.and("scheduled", Boolean.toString(drill.scheduled()), "outcome", drill.outcome());
            rows.get(DRILL_FAILED).add(MultiGauge.Row.of(t, drill.failed() ? 1 : 0));
            rows.get(DRILL_ENDED).add(MultiGauge.Row.of(t, drill.endedAtMillis() / 1000.0));
        }));
        Direction replication = s.replication();
        if (replication == null) {
            return;
        }
        Tags r = p.and("source", replication.source(), "target", replication.target());
        rows.get(REPLICATING).add(MultiGauge.Row.of(r, 1));
        attempt(pair, "connect", () -> {
            connectors(pair, replication, r, rows);
            return null;
        });
        attempt(pair, "lag", () -> lag.measure(pair, replication)).ifPresent(lags -> lags.forEach(l -> {
            Tags t = r.and("topic", l.topic(), "partition", Integer.toString(l.partition()));
            rows.get(LAG_RECORDS).add(MultiGauge.Row.of(t, l.lag().records()));
            rows.get(LAG_SECONDS).add(MultiGauge.Row.of(t, l.lag().seconds()));
        }));
    }

    /** The entity's state; empty when the pair has no entity yet (nothing ever ran on it). */
    private Optional<PairState> state(String pair) {
        try {
            return Optional.of(client.newWorkflowStub(DrPairWorkflow.class, DrPairWorkflow.workflowId(pair)).state());
        } catch (WorkflowNotFoundException e) {
            return Optional.empty();
        }
    }

    /** How long the operation holding the lock has waited at its approval gate; empty when it does not wait there. */
    private Optional<Double> approvalWait(OperationRef holder) {
        Progress progress = client.newUntypedWorkflowStub(holder.id()).query("progress", Progress.class);
        if (!AWAIT_APPROVAL.equals(progress.step()) || progress.sinceMillis() <= 0) {
            return Optional.empty();
        }
        return Optional.of(Math.max(0, clock.getAsLong() - progress.sinceMillis()) / 1000.0);
    }

    private void connectors(PairConfig pair, Direction replication, Tags r, Map<String, List<MultiGauge.Row<?>>> rows) {
        for (MirrorConnector c : MirrorConnector.values()) {
            String name = c.connectorName(pair.name(), replication);
            Tags t = r.and("connector", name);
            Optional<JsonNode> status = connect.status(pair.cluster(replication.target()).connect(), name);
            String state = status.map(st -> st.path("connector").path("state").asText("UNKNOWN")).orElse("MISSING");
            rows.get(CONNECTOR_STATE).add(MultiGauge.Row.of(t.and("state", state), 1));
            Map<String, Integer> tasks = new LinkedHashMap<>();
            status.ifPresent(st -> st.path("tasks").forEach(task -> tasks.merge(task.path("state").asText(), 1, Integer::sum)));
            tasks.forEach((taskState, n) -> rows.get(TASKS).add(MultiGauge.Row.of(t.and("state", taskState), n)));
            rows.get(FAILED_TASKS).add(MultiGauge.Row.of(t, tasks.getOrDefault("FAILED", 0)));
        }
    }

    private <T> Optional<T> attempt(PairConfig pair, String what, java.util.function.Supplier<T> part) {
        try {
            return Optional.ofNullable(part.get());
        } catch (RuntimeException e) {
            error(pair.name(), what, e);
            return Optional.empty();
        }
    }

    private void error(String pair, String what, RuntimeException e) {
        registry.counter(ERRORS, "pair", pair, "part", what).increment();
        System.err.println("metrics: " + what + " of pair '" + pair + "' not collected this round: " + message(e));
    }

    private static String message(Throwable e) {
        while (e.getCause() != null && e.getMessage() == null) {
            e = e.getCause();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lag.close();
    }
}
