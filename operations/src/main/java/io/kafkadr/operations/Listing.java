package io.kafkadr.operations;

import java.util.List;

/**
 * A pair's operations, newest first.
 *
 * @param query             the visibility query that found them
 * @param visibilityProblem why visibility did not answer (only the pair entity's record is listed then), or null
 */
public record Listing(String query, String visibilityProblem, List<ListedOperation> operations) {
}
