package io.kafkadr.activities.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.activities.common.Waiting;
import io.kafkadr.activities.provenance.CopiedOffsets;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.drpair.FailedTask;
import io.kafkadr.workflows.pair.ConnectEndpoint;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ConnectActivities;
import io.kafkadr.workflows.replication.ConnectorStatus;
import io.kafkadr.workflows.replication.MirrorConnector;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

public class ConnectActivitiesImpl implements ConnectActivities {

    /** A task that keeps failing after this many restarts has a problem a restart will not fix. */
    static final int MAX_RESTARTS_PER_CONNECTOR = 5;
    private static final Duration POLL = Duration.ofSeconds(1);

    /**
     * Config key {@link #deploySourceFrom} writes once the connector's offsets are where the call
     * wants them: which call positioned them. MM2 ignores keys it does not know.
     */
    static final String START_TOKEN = "kafka-dr.start-token";

    private final ConnectRestClient rest;
    private final MirrorConnectorConfigs configs;
    private final SourceOffsets offsets;
    private final TargetTopics targets;
    private final Supplier<String> startToken;
    private final CopiedOffsets copies;

    /**
     * {@code targets}: the source connector's target topics are prepared before it starts;
     * {@code copies}: how far MM2 has copied, read off the target.
     */
    public ConnectActivitiesImpl(ConnectRestClient rest, MirrorConnectorConfigs configs, SourceOffsets offsets,
                                 TargetTopics targets, CopiedOffsets copies) {
        this(rest, configs, offsets, targets, copies, ConnectActivitiesImpl::activityCallToken);
    }

    /** {@code startToken}: the same for every attempt of one activity call, different for another call. */
    ConnectActivitiesImpl(ConnectRestClient rest, MirrorConnectorConfigs configs, SourceOffsets offsets,
                          TargetTopics targets, CopiedOffsets copies, Supplier<String> startToken) {
        this.rest = rest;
        this.configs = configs;
        this.offsets = offsets;
        this.targets = targets;
        this.copies = copies;
        this.startToken = startToken;
    }

    /** The run and the activity id: retries of one scheduled activity share them, nothing else does. */
    private static String activityCallToken() {
        ActivityInfo info = Activity.getExecutionContext().getInfo();
        return info.getWorkflowId() + "@" + info.getRunId() + "#" + info.getActivityId();
    }

    @Override
    public ConnectorStatus deployConnector(PairConfig pair, Direction direction, MirrorConnector connector,
                                           int tasksMax, int replicationFactor) {
        ConnectEndpoint connect = endpoint(pair, direction);
        String name = connector.connectorName(pair.name(), direction);
        try {
            if (connector == MirrorConnector.SOURCE) {
                targets.prepare(pair, direction, replicationFactor);
            }
            rest.putConfig(connect, name, configs.build(pair, direction, connector, tasksMax, replicationFactor));
            ConnectorStatus deployed = status(connect, name);
            if (halted(deployed)) {
                // setting replication up means running it
                rest.resume(connect, name);
                deployed = status(connect, name);
            }
            return deployed;
        } catch (ConnectRestException e) {
            throw failure(e);
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), ActivityFailures.BAD_INPUT);
        }
    }

    @Override
    public ConnectorStatus deploySourceFrom(PairConfig pair, Direction direction, int tasksMax, int replicationFactor,
                                            String startAt, List<PartitionOffset> startOffsets) {
        ConnectEndpoint connect = endpoint(pair, direction);
        String name = MirrorConnector.SOURCE.connectorName(pair.name(), direction);
        Map<String, String> config = configs.build(pair, direction, MirrorConnector.SOURCE, tasksMax, replicationFactor);
        String token = startToken.get();
        targets.prepare(pair, direction, replicationFactor);
        try {
            ConnectorStatus current = status(connect, name);
            boolean exists = !"NOT_FOUND".equals(current.state());
            if (exists && positionedBy(connect, name, token)) {
                // An earlier attempt of this call (its answer lost) positioned the offsets, and MM2 may
                // have copied since: resetting them again would copy those records twice.
                if (halted(current)) {
                    rest.resume(connect, name);
                }
                return status(connect, name);
            }
            if (exists) {
                rest.stop(connect, name);
                rest.putConfig(connect, name, config);
            } else {
                rest.createStopped(connect, name, config);
            }
            awaitState(connect, name, "STOPPED");
            if (startOffsets != null) {
                rest.deleteOffsets(connect, name);
                rest.patchOffsets(connect, name, Map.of("offsets", SourceOffsets.at(direction, startOffsets)));
            } else if ("end".equals(startAt)) {
                rest.patchOffsets(connect, name, Map.of("offsets", offsets.atEnd(pair, direction)));
            } else {
                rest.deleteOffsets(connect, name);
            }
            // Only now, the offsets written (KIP-875 answers once they are) and the connector still
            // stopped (a config update keeps it so): the mark that this call positioned them.
            Map<String, String> marked = new HashMap<>(config);
            marked.put(START_TOKEN, token);
            rest.putConfig(connect, name, marked);
            rest.resume(connect, name);
            return status(connect, name);
        } catch (ConnectRestException e) {
            throw failure(e);
        }
    }

    private boolean positionedBy(ConnectEndpoint connect, String name, String token) {
        return rest.config(connect, name).map(c -> token.equals(c.path(START_TOKEN).asText(null))).orElse(false);
    }

    private void awaitState(ConnectEndpoint connect, String name, String state) {
        Duration timeout = Duration.ofSeconds(60);
        Waiting.until(timeout, POLL, () -> state.equals(status(connect, name).state()) ? Optional.empty()
                : Optional.of(name + " not yet " + state)).ifPresent(p -> {
                    throw ApplicationFailure.newFailure(name + " did not reach " + state + " within "
                            + timeout.toSeconds() + " s", ActivityFailures.NOT_READY);
                });
    }

    @Override
    public List<ConnectorStatus> awaitRunning(PairConfig pair, Direction direction, List<String> connectors) {
        ConnectEndpoint connect = endpoint(pair, direction);
        Map<String, Integer> restarts = new HashMap<>();
        AtomicReference<List<ConnectorStatus>> statuses = new AtomicReference<>(List.of());
        Optional<String> notRunning = Waiting.until(Duration.ofSeconds(pair.thresholds().setupTimeoutSeconds()), POLL, () -> {
            statuses.set(statusesRestartingFailed(connect, connectors, restarts));
            if (statuses.get().stream().allMatch(ConnectorStatus::healthy)) {
                return Optional.empty();
            }
            int mostRestarts = restarts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (mostRestarts > MAX_RESTARTS_PER_CONNECTOR) {
                throw notRunning(connect, "after " + mostRestarts + " restarts", statuses.get());
            }
            return Optional.of(summary(statuses.get()));
        });
        if (notRunning.isPresent()) {
            throw notRunning(connect, "after " + pair.thresholds().setupTimeoutSeconds() + " s (thresholds.setupTimeoutSeconds)",
                    statuses.get());
        }
        return statuses.get();
    }

    private List<ConnectorStatus> statusesRestartingFailed(ConnectEndpoint connect, List<String> connectors, Map<String, Integer> restarts) {
        List<ConnectorStatus> statuses = new ArrayList<>();
        for (String name : connectors) {
            ConnectorStatus s = withRestarts(status(connect, name), restarts.getOrDefault(name, 0));
            if (restartIfFailed(connect, s)) {
                restarts.merge(name, 1, Integer::sum);
            }
            statuses.add(s);
        }
        return statuses;
    }

    private static ApplicationFailure notRunning(ConnectEndpoint connect, String after, List<ConnectorStatus> statuses) {
        return ApplicationFailure.newNonRetryableFailure("connectors on " + connect.url() + " not all RUNNING " + after + ": "
                + summary(statuses), ActivityFailures.NOT_READY);
    }

    private boolean restartIfFailed(ConnectEndpoint connect, ConnectorStatus s) {
        if (halted(s)) {
            // waiting for it to run means running it
            resumeQuietly(connect, s.name());
            return false;
        }
        if (!"FAILED".equals(s.state()) && s.tasksRunning() == s.tasksTotal()) {
            return false;
        }
        try {
            // a failed connector is restarted with its failed tasks
            List<FailedTask> failed = "FAILED".equals(s.state())
                    ? List.of(new FailedTask(s.name(), FailedTask.CONNECTOR, s.trace()))
                    : rest.status(connect, s.name()).map(FailedTasks::in).orElse(List.of());
            failed.forEach(f -> FailedTasks.restart(rest, connect, f));
            return !failed.isEmpty();
        } catch (ConnectRestException e) {
            if (e.retryable()) {
                return false;
            }
            throw failure(e);
        }
    }

    @Override
    public List<ConnectorStatus> connectorStatuses(PairConfig pair, Direction direction) {
        ConnectEndpoint connect = endpoint(pair, direction);
        return java.util.Arrays.stream(MirrorConnector.values())
                .map(c -> status(connect, c.connectorName(pair.name(), direction))).toList();
    }

    @Override
    public List<String> removeConnectors(PairConfig pair, Direction direction, boolean delete) {
        ConnectEndpoint connect = endpoint(pair, direction);
        List<String> names = new ArrayList<>();
        try {
            for (MirrorConnector connector : MirrorConnector.values()) {
                String name = connector.connectorName(pair.name(), direction);
                if (delete) {
                    rest.delete(connect, name);
                } else {
                    rest.stop(connect, name);
                }
                names.add(name);
            }
            return names;
        } catch (ConnectRestException e) {
            throw failure(e);
        }
    }

    /** Stopped (by an unplanned failover) or paused (by hand): it runs again only when resumed. */
    private static boolean halted(ConnectorStatus s) {
        return "STOPPED".equals(s.state()) || "PAUSED".equals(s.state());
    }

    private void resumeQuietly(ConnectEndpoint connect, String name) {
        try {
            rest.resume(connect, name);
        } catch (ConnectRestException e) {
            if (!e.retryable()) {
                throw failure(e);
            }
        }
    }

    /**
     * How far MM2 has copied, read off the copies' provenance on the target ({@link CopiedOffsets}):
     * no wait for Connect's offset flush; MM2's committed source offsets where the copies carry none.
     */
    @Override
    public List<PartitionOffset> replicatedOffsets(PairConfig pair, Direction direction) {
        return copied(pair, direction).offsets();
    }

    /** {@link #replicatedOffsets} with the basis it was read on ({@link CopiedOffsets.Copied#basis}). */
    public CopiedOffsets.Copied copied(PairConfig pair, Direction direction) {
        return copies.read(pair, direction, () -> committedSourceOffsets(pair, direction),
                progress -> Activity.getExecutionContext().heartbeat(progress));
    }

    /**
     * Source offsets MirrorSourceConnector has committed ({@code GET /connectors/{name}/offsets}):
     * per source partition, the offset of the last record it replicated, as of Connect's last
     * offset flush.
     */
    List<PartitionOffset> committedSourceOffsets(PairConfig pair, Direction direction) {
        String name = MirrorConnector.SOURCE.connectorName(pair.name(), direction);
        try {
            Optional<JsonNode> body = rest.offsets(endpoint(pair, direction), name);
            List<PartitionOffset> offsets = new ArrayList<>();
            for (JsonNode o : body.map(b -> iterable(b.path("offsets"))).orElse(List.of())) {
                JsonNode p = o.path("partition");
                if (direction.source().equals(p.path("cluster").asText())) {
                    offsets.add(new PartitionOffset(p.path("topic").asText(), p.path("partition").asInt(),
                            o.path("offset").path("offset").asLong()));
                }
            }
            offsets.sort(Comparator.comparing(PartitionOffset::topic).thenComparing(PartitionOffset::partition));
            return offsets;
        } catch (ConnectRestException e) {
            throw failure(e);
        }
    }

    private ConnectorStatus status(ConnectEndpoint connect, String name) {
        try {
            return rest.status(connect, name).map(ConnectActivitiesImpl::parse)
                    .orElse(new ConnectorStatus(name, "NOT_FOUND", 0, 0, 0, null));
        } catch (ConnectRestException e) {
            if (e.retryable()) {
                return new ConnectorStatus(name, "UNAVAILABLE", 0, 0, 0, e.getMessage());
            }
            throw failure(e);
        }
    }

    static ConnectorStatus parse(JsonNode status) {
        String name = status.path("name").asText();
        String state = status.path("connector").path("state").asText();
        String trace = FailedTasks.firstLine(status.path("connector"));
        int running = 0;
        int total = 0;
        for (JsonNode task : iterable(status.path("tasks"))) {
            total++;
            if ("RUNNING".equals(task.path("state").asText())) {
                running++;
            } else if (trace == null) {
                trace = FailedTasks.firstLine(task);
            }
        }
        return new ConnectorStatus(name, state, running, total, 0, trace);
    }

    private static ConnectorStatus withRestarts(ConnectorStatus s, int restarts) {
        return new ConnectorStatus(s.name(), s.state(), s.tasksRunning(), s.tasksTotal(), restarts, s.trace());
    }

    private static String summary(List<ConnectorStatus> statuses) {
        return String.join("; ", statuses.stream().map(s -> s.name() + " " + s.state() + " tasks "
                + s.tasksRunning() + "/" + s.tasksTotal() + (s.trace() == null ? "" : " (" + s.trace() + ")")).toList());
    }

    private static ConnectEndpoint endpoint(PairConfig pair, Direction direction) {
        return pair.cluster(direction.target()).connect();
    }

    private static ApplicationFailure failure(ConnectRestException e) {
        return e.asFailure();
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
