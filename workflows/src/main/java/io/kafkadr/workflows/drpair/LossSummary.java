package io.kafkadr.workflows.drpair;

/**
 * What an unplanned failover could say about the records the old cluster took with it, kept by
 * the pair so that the failback that measures the truth reports it beside them.
 *
 * @param operationId          the failover
 * @param known                records known lost (a lower bound); null when not known
 * @param estimate             records estimated beyond them (rate x silence; not a bound)
 * @param estimateWindowMillis the silence the estimate covers
 */
public record LossSummary(String operationId, Long known, long estimate, long estimateWindowMillis) {
}
