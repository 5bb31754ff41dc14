package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.handover.OffsetHandOver;
import java.util.List;

/**
 * What happened to one client.
 *
 * @param outcome  {@code moved}, {@code skipped-health-check}, {@code rolled-back}, {@code stayed} or
 *                 {@code handed-back} (moved, then returned when a failback was aborted)
 * @param offsets  for a consumer group: per partition, before and after and how derived
 * @param health   what the health check saw
 */
public record ClientMove(String client, String from, String to, String outcome, List<OffsetHandOver> offsets,
                         String health, long healthyAtMillis) {

    /** The same move without its per-partition offsets (kept in the group's own move workflow). */
    public ClientMove withoutOffsets() {
        return new ClientMove(client, from, to, outcome, List.of(), health, healthyAtMillis);
    }
}
