package io.kafkadr.workflows.replication;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** MM2 connectors on the Kafka Connect group next to the target of a direction. */
@ActivityInterface
public interface ConnectActivities {

    /**
     * Creates or updates one MM2 connector ({@code PUT /connectors/{name}/config}); idempotent.
     * A config Connect rejects (400) is a non-retryable failure carrying Connect's message. For the
     * source connector, the target topics are made ready first: created if missing (before MM2
     * would), and their {@code max.message.bytes} at least the source's plus the provenance
     * headers' room (MM2 does not sync that key).
     */
    ConnectorStatus deployConnector(PairConfig pair, Direction direction, MirrorConnector connector,
                                    int tasksMax, int replicationFactor);

    /**
     * Makes the target topics ready as {@link #deployConnector} does, deploys MirrorSourceConnector
     * stopped, sets where it starts ({@code startOffsets}: the next
     * offset to copy per partition; else {@code beginning}: no stored offsets, {@code end}: the
     * source's current end offsets), then resumes it, so it never copies from a stale position.
     * Retry-safe: once the offsets are set, the call marks the connector's config with a token of
     * its own (the same for every attempt); an attempt that finds its token leaves the offsets
     * alone (MM2 may have copied since) and only makes sure the connector runs.
     */
    ConnectorStatus deploySourceFrom(PairConfig pair, Direction direction, int tasksMax, int replicationFactor,
                                     String startAt, List<PartitionOffset> startOffsets);

    /**
     * Waits, heartbeating, until every named connector and all its tasks are RUNNING,
     * restarting failed tasks on the way.
     */
    List<ConnectorStatus> awaitRunning(PairConfig pair, Direction direction, List<String> connectors);

    /** Current state of the direction's three MM2 connectors ({@code NOT_FOUND} for a missing one). */
    List<ConnectorStatus> connectorStatuses(PairConfig pair, Direction direction);

    /**
     * Removes the direction's MM2 connectors: deletes them, or only stops them
     * ({@code PUT /connectors/{name}/stop}) to keep their config and offsets. Idempotent.
     */
    List<String> removeConnectors(PairConfig pair, Direction direction, boolean delete);

    /**
     * How far MirrorSourceConnector has copied: per source partition, the offset of the last record
     * it replicated (partitions with nothing copied left out). Read off the target, by the
     * provenance of the newest copy of each partition, when the pair's copies carry it (no wait
     * for Connect's offset flush); else, and for partitions whose copies carry none, the source
     * offsets MM2 has committed ({@code GET /connectors/{name}/offsets}), which move only at
     * Connect's offset flush ({@code offset.flush.interval.ms}, 60 s by default).
     */
    List<PartitionOffset> replicatedOffsets(PairConfig pair, Direction direction);
}
