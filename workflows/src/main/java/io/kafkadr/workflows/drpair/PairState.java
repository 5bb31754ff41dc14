package io.kafkadr.workflows.drpair;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.cluster.PartitionOffsets;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.failback.WriteFence;
import java.util.List;

/**
 * The pair as its entity workflow knows it, derived only from the events in its history.
 *
 * @param active          alias of the cluster clients use
 * @param replication     the direction MM2 replicates in, or null when none is deployed
 * @param inFlight        the mutating operation holding the lock, or null
 * @param past            the most recent finished operations, newest last
 * @param lastKnownSource end offsets of the active cluster's mirrored partitions, last seen at
 *                        {@code observedAtMillis} (basis of the loss bound of an unplanned failover)
 * @param rates           how fast those partitions were seen to grow
 * @param silentSinceMillis latest moment the active cluster may still have written after it
 *                        stopped answering the watch (0 while it answers)
 * @param config          the pair's config, once an operation gave it (the watch needs it)
 * @param copiedUpTo      per partition of the cluster replication was last removed from, the
 *                        last offset MM2 had copied: beyond it are the records a failback salvages
 * @param lastLoss        the loss figures of the failover that made the pair active where it is, when
 *                        unplanned; null after a planned one
 * @param taskRestarts    the most recent restarts of failed MM2 connectors and tasks by the watch,
 *                        oldest first ({@link #RESTARTS_KEPT}; every one is in the entity's history)
 * @param fence           the write fence standing on the cluster clients left (a failback's, from
 *                        its salvage until its producers move back, or the entity's own after an
 *                        unplanned failover); null when none: what {@code drctl status} shows, also
 *                        when the run that put it up died
 */
public record PairState(
        String pair,
        String active,
        Direction replication,
        OperationRef inFlight,
        List<OperationRef> past,
        List<PartitionOffsets> lastKnownSource,
        long observedAtMillis,
        List<PartitionRate> rates,
        long silentSinceMillis,
        PairConfig config,
        List<PartitionOffset> copiedUpTo,
        LossSummary lastLoss,
        List<TaskRestart> taskRestarts,
        WriteFence fence) {

    /** Restarts kept in the state; older ones stay in the histories of the entity's runs. */
    public static final int RESTARTS_KEPT = 20;

    public PairState {
        past = past == null ? List.of() : List.copyOf(past);
        taskRestarts = taskRestarts == null ? List.of() : List.copyOf(taskRestarts);
        lastKnownSource = lastKnownSource == null ? List.of() : List.copyOf(lastKnownSource);
        rates = rates == null ? List.of() : List.copyOf(rates);
    }

    public PairState(String pair, String active, Direction replication, OperationRef inFlight, List<OperationRef> past,
                     List<PartitionOffsets> lastKnownSource, long observedAtMillis, List<PartitionRate> rates,
                     long silentSinceMillis, PairConfig config, List<PartitionOffset> copiedUpTo, LossSummary lastLoss,
                     List<TaskRestart> taskRestarts) {
        this(pair, active, replication, inFlight, past, lastKnownSource, observedAtMillis, rates, silentSinceMillis,
                config, copiedUpTo, lastLoss, taskRestarts, null);
    }

    public PairState(String pair, String active, Direction replication, OperationRef inFlight, List<OperationRef> past,
                     List<PartitionOffsets> lastKnownSource, long observedAtMillis, List<PartitionRate> rates,
                     long silentSinceMillis, PairConfig config, List<PartitionOffset> copiedUpTo, LossSummary lastLoss) {
        this(pair, active, replication, inFlight, past, lastKnownSource, observedAtMillis, rates, silentSinceMillis,
                config, copiedUpTo, lastLoss, null);
    }

    public PairState(String pair, String active, Direction replication, OperationRef inFlight, List<OperationRef> past,
                     List<PartitionOffsets> lastKnownSource, long observedAtMillis, List<PartitionRate> rates,
                     long silentSinceMillis, PairConfig config, List<PartitionOffset> copiedUpTo) {
        this(pair, active, replication, inFlight, past, lastKnownSource, observedAtMillis, rates, silentSinceMillis,
                config, copiedUpTo, null, null);
    }

    public PairState(String pair, String active, Direction replication, OperationRef inFlight, List<OperationRef> past,
                     List<PartitionOffsets> lastKnownSource, long observedAtMillis, List<PartitionRate> rates,
                     long silentSinceMillis, PairConfig config) {
        this(pair, active, replication, inFlight, past, lastKnownSource, observedAtMillis, rates, silentSinceMillis,
                config, null, null, null);
    }

    public PairState(String pair, String active, Direction replication, OperationRef inFlight, List<OperationRef> past,
                     List<PartitionOffsets> lastKnownSource, long observedAtMillis) {
        this(pair, active, replication, inFlight, past, lastKnownSource, observedAtMillis, List.of(), 0, null, null, null, null);
    }

    PairState with(String active, Direction replication, OperationRef inFlight, List<OperationRef> past) {
        return new PairState(pair, active, replication, inFlight, past, lastKnownSource, observedAtMillis, rates,
                silentSinceMillis, config, copiedUpTo, lastLoss, taskRestarts, fence);
    }

    PairState copied(List<PartitionOffset> newCopiedUpTo) {
        return new PairState(pair, active, replication, inFlight, past, lastKnownSource, observedAtMillis, rates,
                silentSinceMillis, config, newCopiedUpTo, lastLoss, taskRestarts, fence);
    }

    PairState lost(LossSummary loss) {
        return new PairState(pair, active, replication, inFlight, past, lastKnownSource, observedAtMillis, rates,
                silentSinceMillis, config, copiedUpTo, loss, taskRestarts, fence);
    }

    PairState watched(List<PartitionOffsets> source, long at, List<PartitionRate> newRates, long silentSince) {
        return new PairState(pair, active, replication, inFlight, past, source, at, newRates, silentSince, config,
                copiedUpTo, lastLoss, taskRestarts, fence);
    }

    /**
     * With the pair's config as the watch needs it: clusters and topics, not its clients, so the
     * entity's state (carried into every continue-as-new) and each watch's input stay small
     * however many groups the pair has.
     */
    PairState configured(PairConfig newConfig, Direction newReplication) {
        return new PairState(pair, active, newReplication, inFlight, past, lastKnownSource, observedAtMillis, rates,
                silentSinceMillis, newConfig == null ? null : newConfig.withoutClients(), copiedUpTo, lastLoss, taskRestarts,
                fence);
    }

    /** With {@code restarts} recorded after the earlier ones, the newest {@link #RESTARTS_KEPT} kept. */
    PairState restarted(List<TaskRestart> restarts) {
        List<TaskRestart> all = new java.util.ArrayList<>(taskRestarts);
        all.addAll(restarts);
        List<TaskRestart> kept = all.subList(Math.max(0, all.size() - RESTARTS_KEPT), all.size());
        return new PairState(pair, active, replication, inFlight, past, lastKnownSource, observedAtMillis, rates,
                silentSinceMillis, config, copiedUpTo, lastLoss, kept, fence);
    }

    /** With {@code newFence} standing (null or without ACLs: none). */
    public PairState fenced(WriteFence newFence) {
        return new PairState(pair, active, replication, inFlight, past, lastKnownSource, observedAtMillis, rates,
                silentSinceMillis, config, copiedUpTo, lastLoss, taskRestarts,
                newFence == null || newFence.acls().isEmpty() && newFence.unfenced().isEmpty() ? null : newFence);
    }
}
