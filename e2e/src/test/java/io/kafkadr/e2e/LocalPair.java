package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

/** The local stack started afresh, with the local pair replicating under sample traffic. */
final class LocalPair {

    static final String PAIR = "pairs/local.yaml";

    private LocalPair() {
    }

    /** Closes the test's Temporal client (if it made one) and stops the stack. */
    static void down(PairOperations operations) {
        if (operations != null) {
            operations.close();
        }
        assertEquals(0, DrctlProcess.run("local", "down").exitCode());
    }

    /** Resets and starts the stack, and a worker on it. */
    static void freshStackWithWorker() {
        assertEquals(0, DrctlProcess.run("local", "reset").exitCode());
        assertEquals(0, DrctlProcess.run("local", "up").exitCode());
        assertEquals(0, DrctlProcess.run("local", "start", "worker").exitCode());
    }

    /**
     * Resets and starts the stack and a worker, starts traffic at 50 records/s, sets up and
     * verifies replication. Returns the producer's first sequence number of this traffic.
     */
    static long replicatingUnderTraffic() throws IOException {
        freshStackWithWorker();
        long fromSeq = Ledgers.audit(0).path("nextSeq").asLong();
        assertEquals(0, DrctlProcess.run("local", "start", "traffic", "--rate", "50").exitCode());
        assertEquals(0, DrctlProcess.run("replicate", "--pair", PAIR).exitCode());
        assertEquals(0, DrctlProcess.run("verify", "--pair", PAIR).exitCode());
        return fromSeq;
    }
}
