package io.kafkadr.operations;

/**
 * One past (or running) operation of a pair, as {@code drctl list} shows it.
 *
 * @param status  the run's status in Temporal ({@code completed}, {@code running}, {@code failed},
 *                {@code terminated}, ...), or {@code recorded} when only the pair entity knows it
 * @param outcome what the operation reported ({@code completed}, {@code aborted}, {@code passed},
 *                ...), or null while it runs or when it ended without a report
 * @param source  where the row comes from: {@code visibility} or {@code pair-entity}
 */
public record ListedOperation(String id, String operation, String status, String outcome, long startedAtMillis,
                              long endedAtMillis, String source) {

    public static final String VISIBILITY = "visibility";
    public static final String PAIR_ENTITY = "pair-entity";
}
