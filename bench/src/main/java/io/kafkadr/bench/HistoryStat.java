package io.kafkadr.bench;

/**
 * Size of one workflow run's event history, as the Temporal service returns it.
 *
 * @param bytes       sum of the serialized sizes of its events
 * @param startMillis time of its first event (epoch millis)
 * @param endMillis   time of its last event (its close, once closed)
 */
record HistoryStat(String workflowId, String runId, String workflowType, long events, long bytes, long startMillis,
                   long endMillis) {
}
