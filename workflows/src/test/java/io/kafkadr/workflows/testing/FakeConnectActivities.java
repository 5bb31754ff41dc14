package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.replication.ConnectActivities;
import io.kafkadr.workflows.replication.ConnectorStatus;
import io.kafkadr.workflows.replication.MirrorConnector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link ConnectActivities} that remembers what was deployed, reports every connector RUNNING
 * and answers scripted replicated offsets. {@link #holdAwaitRunning()} keeps {@code awaitRunning}
 * busy so a test can look at a workflow in flight.
 */
public class FakeConnectActivities extends RecordingFake implements ConnectActivities {

    /** One {@code deployConnector} call. */
    public record Deployment(String name, MirrorConnector connector, Direction direction,
                             int tasksMax, int replicationFactor) {
    }

    private final List<Deployment> deployments = new CopyOnWriteArrayList<>();
    private volatile Answers<List<PartitionOffset>> replicatedOffsets;
    private volatile Gate awaitRunningGate;

    @SafeVarargs
    public final FakeConnectActivities returnsReplicatedOffsets(List<PartitionOffset>... inOrder) {
        replicatedOffsets = Answers.of(inOrder);
        return this;
    }

    public List<Deployment> deployments() {
        return List.copyOf(deployments);
    }

    /** Makes {@code awaitRunning} wait, once entered, until the returned gate is opened. */
    public Gate holdAwaitRunning() {
        awaitRunningGate = new Gate();
        return awaitRunningGate;
    }

    @Override
    public ConnectorStatus deployConnector(PairConfig pair, Direction direction, MirrorConnector connector,
                                           int tasksMax, int replicationFactor) {
        record("deployConnector", direction, connector, tasksMax, replicationFactor);
        String name = connector.connectorName(pair.name(), direction);
        deployments.add(new Deployment(name, connector, direction, tasksMax, replicationFactor));
        return new ConnectorStatus(name, "UNASSIGNED", 0, 0, 0, null);
    }

    @Override
    public ConnectorStatus deploySourceFrom(PairConfig pair, Direction direction, int tasksMax, int replicationFactor,
                                            String startAt, List<PartitionOffset> startOffsets) {
        record("deploySourceFrom", direction, tasksMax, replicationFactor, startAt == null ? startOffsets : startAt);
        String name = MirrorConnector.SOURCE.connectorName(pair.name(), direction);
        deployments.add(new Deployment(name, MirrorConnector.SOURCE, direction, tasksMax, replicationFactor));
        return new ConnectorStatus(name, "RUNNING", 1, 1, 0, null);
    }

    @Override
    public List<ConnectorStatus> awaitRunning(PairConfig pair, Direction direction, List<String> connectors) {
        record("awaitRunning", direction, connectors);
        Gate gate = awaitRunningGate;
        if (gate != null) {
            gate.pass();
        }
        return connectors.stream().map(n -> new ConnectorStatus(n, "RUNNING", 1, 1, 0, null)).toList();
    }

    private volatile List<ConnectorStatus> statuses;

    /** What {@code connectorStatuses} answers; by default every connector RUNNING with one task. */
    public FakeConnectActivities returnsConnectorStatuses(List<ConnectorStatus> answer) {
        statuses = answer;
        return this;
    }

    @Override
    public List<ConnectorStatus> connectorStatuses(PairConfig pair, Direction direction) {
        record("connectorStatuses", direction);
        return statuses != null ? statuses : java.util.Arrays.stream(MirrorConnector.values())
                .map(c -> new ConnectorStatus(c.connectorName(pair.name(), direction), "RUNNING", 1, 1, 0, null)).toList();
    }

    @Override
    public List<String> removeConnectors(PairConfig pair, Direction direction, boolean delete) {
        record("removeConnectors", direction, delete);
        return java.util.Arrays.stream(MirrorConnector.values()).map(c -> c.connectorName(pair.name(), direction)).toList();
    }

    @Override
    public List<PartitionOffset> replicatedOffsets(PairConfig pair, Direction direction) {
        record("replicatedOffsets", direction);
        if (replicatedOffsets == null) {
            throw notScripted("replicatedOffsets");
        }
        return replicatedOffsets.next();
    }

    /** Lets the test wait until an activity is in progress, then let it finish. */
    public static final class Gate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);

        void pass() {
            entered.countDown();
            await(opened, "the test to open the gate");
        }

        public void awaitEntered() {
            await(entered, "the activity to start");
        }

        public void open() {
            opened.countDown();
        }

        private static void await(CountDownLatch latch, String what) {
            try {
                if (!latch.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("timed out waiting for " + what);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
