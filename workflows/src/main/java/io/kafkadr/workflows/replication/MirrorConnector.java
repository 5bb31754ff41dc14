package io.kafkadr.workflows.replication;

import io.kafkadr.workflows.pair.Direction;

/** The three MM2 connectors of one replication direction. */
public enum MirrorConnector {
    SOURCE("org.apache.kafka.connect.mirror.MirrorSourceConnector", "-source"),
    CHECKPOINT("org.apache.kafka.connect.mirror.MirrorCheckpointConnector", MirrorConnector.CHECKPOINT_SUFFIX),
    HEARTBEAT("org.apache.kafka.connect.mirror.MirrorHeartbeatConnector", "-heartbeat");

    static final String CHECKPOINT_SUFFIX = "-checkpoint";

    private final String connectorClass;
    private final String suffix;

    MirrorConnector(String connectorClass, String suffix) {
        this.connectorClass = connectorClass;
        this.suffix = suffix;
    }

    public String connectorClass() {
        return connectorClass;
    }

    /**
     * Connector name on the Connect group, unique per pair and direction
     * ({@code mm2-local-primary-to-secondary-source}), so pairs sharing a Connect group never
     * overwrite each other's connectors.
     */
    public String connectorName(String pair, Direction direction) {
        return "mm2-" + pair + "-" + direction.source() + "-to-" + direction.target() + suffix;
    }
}
