package io.kafkadr.workflows.drpair;

import java.util.List;

/**
 * What the watch found on the replication's target.
 *
 * @param failed the direction's MM2 connectors and tasks Connect reports FAILED
 * @param limits what the watch did about the target topics' {@code max.message.bytes}, one line
 *               each: a limit raised to leave room for the provenance headers (MM2 created the
 *               topic, or someone lowered it), or why it could not check them
 */
public record ReplicationHealth(List<FailedTask> failed, List<String> limits) {

    public ReplicationHealth {
        failed = failed == null ? List.of() : List.copyOf(failed);
        limits = limits == null ? List.of() : List.copyOf(limits);
    }
}
