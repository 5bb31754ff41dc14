package io.kafkadr.workflows.pair;

import io.temporal.activity.ActivityInterface;

/** Reads pair configs that live on the worker's host. */
@ActivityInterface
public interface PairActivities {

    /** Parses and validates the pair file; a bad file is a non-retryable failure. */
    PairConfig loadPair(String pairFile);
}
