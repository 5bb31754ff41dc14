package io.kafkadr.workflows.replication;

import static io.kafkadr.workflows.testing.Failures.rootApplicationFailure;
import static io.kafkadr.workflows.testing.Pairs.PRIMARY;
import static io.kafkadr.workflows.testing.Pairs.TOPIC;
import static io.kafkadr.workflows.testing.Snapshots.offset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.testing.Figures;
import io.kafkadr.workflows.testing.FakeClusterActivities;
import io.kafkadr.workflows.testing.FakeConnectActivities;
import io.kafkadr.workflows.testing.FakePairActivities;
import io.kafkadr.workflows.testing.FakePairLockActivities;
import io.kafkadr.workflows.testing.Pairs;
import io.kafkadr.workflows.testing.WorkflowTestEnv;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code startAt: end} positions MM2 at the source's end: whatever it had not copied yet is never
 * copied. On a replication that lags, that is a permanent gap, so it is refused unless the
 * operator accepts the gap by name, with a reason and a bound, and the run records it.
 * {@link Figures}: {@code orders-0} holds offsets 0..99 on the primary.
 */
class StartAtEndTest {

    private final FakeClusterActivities cluster = new FakeClusterActivities();
    private final FakeConnectActivities connect = new FakeConnectActivities();
    private final FakePairLockActivities lock = new FakePairLockActivities();
    private WorkflowTestEnv env;

    @BeforeEach
    void startEnvironment() {
        Figures.healthy(cluster, connect);
        env = WorkflowTestEnv.start(cluster, connect, new FakePairActivities(Pairs.pair()), lock);
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    private ReplicationSetupResult setUp(ReplicationSetupRequest request) {
        return env.newWorkflow(ReplicationSetupWorkflow.class, "setup-end").setUp(request);
    }

    private static ReplicationSetupRequest atEnd() {
        return new ReplicationSetupRequest(Pairs.pair(), null, null, ReplicationSetupRequest.END);
    }

    /** MM2 copied up to offset 57: offsets 58..99, 42 records, not yet. */
    private void lagging() {
        connect.returnsReplicatedOffsets(List.of(offset(TOPIC, 0, 57)));
    }

    /** The run fails at once as bad input, MM2 untouched; returns its message. */
    private String refused(ReplicationSetupRequest request) {
        WorkflowFailedException thrown = assertThrows(WorkflowFailedException.class, () -> setUp(request),
                "set up although the gap was not accepted");
        ApplicationFailure failure = rootApplicationFailure(thrown);
        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
        assertTrue(failure.isNonRetryable());
        assertEquals(List.of(), connect.deployments(), "no connector may be deployed");
        return failure.getOriginalMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void startAtEndOnALaggingReplicationIsRefusedNamingTheGapAndTheWayOut() {
        lagging();

        String message = refused(atEnd());

        assertEquals("rejected", lock.releases().get(0).outcome(), "the pair's lock given back, the refusal recorded");
        assertMentions(message, "startAt 'end' would skip 42 records", "would never be copied", "orders-0: 42",
                "drctl verify", "without startAt", "\"acceptGap\": {\"by\": ", "\"maxRecords\": 42");
    }

    @Test
    void startAtEndOnACaughtUpReplicationGoesAheadAndSkipsNothing() {
        ReplicationSetupResult result = setUp(atEnd());

        assertEquals(List.of(ReplicationSetupRequest.END), connect.calls("deploySourceFrom").stream()
                .map(c -> c.arg(3)).toList());
        assertEquals(List.of(), result.skipped());
        assertNull(result.gapAccepted());
    }

    /** A partition whose last offsets are transaction markers is caught up: markers are no records. */
    @Test
    void transactionMarkersBeyondMM2sLastCopyAreNoGap() {
        connect.returnsReplicatedOffsets(List.of(offset(TOPIC, 0, 97)));
        cluster.withNonRecordOffsets(PRIMARY, TOPIC, 0, 2);

        assertEquals(List.of(), setUp(atEnd()).skipped());
        assertEquals(1, connect.count("deploySourceFrom"));
    }

    @Test
    void anAcceptedGapIsSkippedAndRecordedInTheResult() {
        lagging();
        GapAcceptance accepted = new GapAcceptance("alice", "the secondary was re-seeded from a snapshot", 42);

        ReplicationSetupResult result = setUp(new ReplicationSetupRequest(Pairs.pair(), null, null,
                ReplicationSetupRequest.END, null, accepted));

        assertEquals(List.of(offset(TOPIC, 0, 42)), result.skipped());
        assertEquals(accepted, result.gapAccepted());
        assertEquals(1, connect.count("deploySourceFrom"));
    }

    @Test
    void aGapLargerThanTheOneAcceptedIsRefused() {
        lagging();

        String message = refused(new ReplicationSetupRequest(Pairs.pair(), null, null, ReplicationSetupRequest.END,
                null, new GapAcceptance("alice", "re-seeded", 10)));

        assertMentions(message, "would skip 42 records", "more than acceptGap.maxRecords 10 accepted by alice");
    }

    @Test
    void anAcceptanceWithoutReasonOrBoundOrOutsideStartAtEndIsBadInputBeforeAnythingIsRead() {
        lagging();
        assertMentions(refusedAtOnce(new GapAcceptance("alice", " ", 42), ReplicationSetupRequest.END),
                "acceptGap.reason: why the skipped records may be lost is required");
        assertMentions(refusedAtOnce(new GapAcceptance(null, "re-seeded", 42), ReplicationSetupRequest.END),
                "acceptGap.by");
        assertMentions(refusedAtOnce(new GapAcceptance("alice", "re-seeded", 0), ReplicationSetupRequest.END),
                "acceptGap.maxRecords: at least 1");
        assertMentions(refusedAtOnce(new GapAcceptance("alice", "re-seeded", 42), null),
                "acceptGap goes only with startAt 'end'");
    }

    private String refusedAtOnce(GapAcceptance accept, String startAt) {
        String message = refused(new ReplicationSetupRequest(Pairs.pair(), null, null, startAt, null, accept));
        assertEquals(0, connect.count("replicatedOffsets"), "refused before anything was read");
        assertEquals(0, lock.count("acquire"), "refused before the pair's lock is taken");
        return message;
    }
}
