package io.kafkadr.workflows.pair;

import io.temporal.activity.ActivityInterface;

/** Reads the pairs the worker serves (its pairs folders). */
@ActivityInterface
public interface PairActivities {

    /**
     * Parses and validates the pair file, which must lie in one of the worker's pairs folders; a
     * bad file, or one outside them, is a non-retryable failure.
     */
    PairConfig loadPair(String pairFile);

    /** The pair the worker serves under {@code name}; a non-retryable failure when it serves none. */
    PairConfig registeredPair(String name);

    /**
     * Fails, non-retryable ({@code PairNotServed}), unless {@code pair} only narrows the pair the
     * worker serves under its name ({@link PairNarrowing}).
     */
    void checkNarrows(PairConfig pair);
}
