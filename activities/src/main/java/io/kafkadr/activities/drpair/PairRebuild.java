package io.kafkadr.activities.drpair;

import io.kafkadr.workflows.drpair.LossSummary;
import io.kafkadr.workflows.drpair.OperationRef;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The state of a pair whose entity is gone (terminated, or deleted by retention), from its
 * operations: the lock goes back to the one in flight, the active side and the replication
 * direction are those the newest completed operations left, and the loss figures of the
 * unplanned failover that made it active there (for the failback to report). What MM2 had copied is not rebuilt:
 * the next failback then reads every record of the primary against the secondary's copies (exact
 * by their origin headers, only slower).
 */
final class PairRebuild {

    private PairRebuild() {
    }

    /**
     * The operation that holds the lock: the oldest of those running, other than {@code asking}
     * (the operation whose lock request rebuilds the entity; null when none asks). The oldest,
     * because one that started later while it ran was refused the lock (a failover or failback
     * waits for nothing) or runs as its part (a failback's replication).
     */
    static Optional<OperationRef> holder(List<OperationRef> running, String asking) {
        return running.stream().filter(op -> !op.id().equals(asking)).findFirst();
    }

    /**
     * The state from {@code newestFirst}, read until an operation that decided the active side;
     * the replication direction is the one the newest operation that decided it left. Empty when
     * nothing is known: the pair was never operated on.
     */
    static Optional<PairState> state(PairConfig pair, Optional<OperationRef> holder, Stream<RunEffect> newestFirst) {
        String active = null;
        LossSummary loss = null;
        boolean replicationKnown = false;
        Direction replication = null;
        for (Iterator<RunEffect> runs = newestFirst.iterator(); active == null && runs.hasNext(); ) {
            RunEffect run = runs.next();
            if (!replicationKnown && run.replicationSet()) {
                replicationKnown = true;
                replication = run.replication();
            }
            active = run.active();
            loss = run.loss(); // the figures of the failover that decided the active side, if it was one
        }
        if (active == null && !replicationKnown && holder.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PairState(pair.name(), active == null ? pair.primary() : active, replication,
                holder.orElse(null), List.of(), List.of(), 0, List.of(), 0,
                replication == null ? null : pair.withoutClients(), null, loss));
    }
}
