package io.kafkadr.workflows.replication;

import io.kafkadr.workflows.cluster.ClusterActivities;
import io.kafkadr.workflows.cluster.TopicInfo;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.common.Retries;
import io.kafkadr.workflows.drpair.PairLockActivities;
import io.kafkadr.workflows.drpair.ReplicationRecord;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairSource;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class ReplicationSetupWorkflowImpl implements ReplicationSetupWorkflow {

    /** Admin calls: brokers may be restarting, so retry for about a minute, never on bad input. */
    static final ActivityOptions CLUSTER_CALLS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(60))
            .setRetryOptions(Retries.backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 8))
            .build();

    /** Connect answers 409 during a rebalance, which can take a while with several workers. */
    static final ActivityOptions CONNECT_CALLS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(Retries.backoff(Duration.ofSeconds(2), Duration.ofSeconds(15), 15))
            .build();

    private final ClusterActivities cluster = Workflow.newActivityStub(ClusterActivities.class, CLUSTER_CALLS);
    private final ConnectActivities connect = Workflow.newActivityStub(ConnectActivities.class, CONNECT_CALLS);
    private final PairLockActivities lock = Workflow.newActivityStub(PairLockActivities.class, CLUSTER_CALLS);
    private Progress progress = new Progress("starting", "");

    @Override
    public ReplicationSetupResult setUp(ReplicationSetupRequest request) {
        long startedAt = Workflow.currentTimeMillis();
        PairSource.requireInput(request);
        PairConfig pair = PairSource.resolve(request.pair(), request.pairFile());
        DrSearchAttributes.tag(pair.name(), "replicate");
        Direction direction = Direction.orDefault(request.direction(), pair);
        if (request.startAt() != null && !List.of(ReplicationSetupRequest.BEGINNING, ReplicationSetupRequest.END)
                .contains(request.startAt())) {
            throw ApplicationFailure.newNonRetryableFailure("startAt must be 'beginning', 'end' or absent (got '"
                    + request.startAt() + "')", ActivityFailures.BAD_INPUT);
        }

        progress = new Progress("match topics", "topics on " + direction.source() + " matching "
                + pair.topics().asMirrorMakerPattern());
        List<String> topics = cluster.matchTopics(pair, direction.source());
        if (topics.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("no topic on '" + direction.source()
                    + "' matches " + pair.topics().asMirrorMakerPattern()
                    + ": create the topics first or fix 'topics' in pair '" + pair.name() + "'", ActivityFailures.BAD_INPUT);
        }
        int partitions = cluster.snapshot(pair, direction.source(), topics, List.of()).topics().stream()
                .mapToInt(TopicInfo::partitions).sum();
        int replicationFactor = replicationFactor(pair, direction);

        List<String> names = new ArrayList<>();
        for (MirrorConnector connector : MirrorConnector.values()) {
            progress = new Progress("deploy connectors", connector.connectorName(pair.name(), direction)
                    + " (tasks.max " + partitions + ", replication factor " + replicationFactor + ")");
            boolean positioned = connector == MirrorConnector.SOURCE
                    && (request.startAt() != null || request.startOffsets() != null);
            names.add((positioned
                    ? connect.deploySourceFrom(pair, direction, partitions, replicationFactor, request.startAt(),
                            request.startOffsets())
                    : connect.deployConnector(pair, direction, connector, partitions, replicationFactor)).name());
        }

        progress = new Progress("await running", String.join(", ", names));
        List<ConnectorStatus> statuses = Workflow.newActivityStub(ConnectActivities.class, awaitOptions(pair))
                .awaitRunning(pair, direction, names);
        // Added after the first release: histories recorded before it replay without this call.
        if (Workflow.getVersion("record-replication", Workflow.DEFAULT_VERSION, 1) == 1) {
            lock.recordReplication(new ReplicationRecord(pair, direction));
        }
        progress = new Progress("done", names.size() + " connectors running");
        return new ReplicationSetupResult(pair.name(), direction.source(), direction.target(), topics, partitions,
                replicationFactor, statuses, startedAt, Workflow.currentTimeMillis());
    }

    private int replicationFactor(PairConfig pair, Direction direction) {
        int configured = pair.replication().replicationFactor();
        if (configured > 0) {
            return configured;
        }
        int brokers = cluster.snapshot(pair, direction.target(), List.of(), List.of()).brokerCount();
        return Math.max(1, Math.min(3, brokers));
    }

    /** The activity enforces the pair's setup timeout itself and fails with the connectors' states. */
    static ActivityOptions awaitOptions(PairConfig pair) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(pair.thresholds().setupTimeoutSeconds() + 60L))
                .setHeartbeatTimeout(Duration.ofSeconds(20))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setMaximumAttempts(3)
                        .setDoNotRetry(ActivityFailures.BAD_INPUT, ActivityFailures.NOT_READY)
                        .build())
                .build();
    }

    @Override
    public Progress progress() {
        return progress;
    }
}
