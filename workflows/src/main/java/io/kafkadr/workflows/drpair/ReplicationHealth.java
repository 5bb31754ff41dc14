package io.kafkadr.workflows.drpair;

import java.util.List;

/**
 * What the watch found on the replication's target: connectors and tasks Connect reports FAILED,
 * and target topics whose {@code max.message.bytes} it raised to leave room for the provenance
 * headers (MM2 created them, or someone lowered the limit).
 */
public record ReplicationHealth(List<FailedTask> failed, List<String> limitsRaised) {

    public ReplicationHealth {
        failed = failed == null ? List.of() : List.copyOf(failed);
        limitsRaised = limitsRaised == null ? List.of() : List.copyOf(limitsRaised);
    }
}
