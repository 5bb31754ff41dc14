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

    /** Connector name on the Connect group, unique per direction: {@code mm2-primary-to-secondary-source}. */
    public String connectorName(Direction direction) {
        return "mm2-" + direction.source() + "-to-" + direction.target() + suffix;
    }
}
