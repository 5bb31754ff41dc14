package io.kafkadr.workflows.common;

/**
 * Failure types shared by activities and workflows. Types listed as non-retryable in the
 * activity options fail fast: they are the operator's to fix, not the network's.
 */
public final class ActivityFailures {

    /** Input that is wrong and will stay wrong (bad config, unknown topic, rejected connector). */
    public static final String BAD_INPUT = "BadInput";
    /** A dependency answered, but not yet in the wanted state (rebalance, broker starting). */
    public static final String NOT_READY = "NotReady";
    /** A dependency did not answer (connection refused, timeout). */
    public static final String UNREACHABLE = "Unreachable";

    /** Another operation holds the pair's lock. */
    public static final String PAIR_BUSY = "PairBusy";
    /** A part of an operation (a group's move) runs while its parent does not hold the pair's lock. */
    public static final String NOT_LOCK_HOLDER = "NotLockHolder";
    /**
     * A workflow input (or an activity's arguments) brings a pair this worker does not serve, or
     * more than its registered pair: commands, secret references or endpoints of its own.
     */
    public static final String NOT_SERVED = "PairNotServed";
    /** A moved client did not become healthy in time: the operator decides. */
    public static final String CLIENT_UNHEALTHY = "ClientUnhealthy";

    private ActivityFailures() {
    }
}
