package io.kafkadr.workflows.cluster;

import java.util.List;

/**
 * What MM2 has written on the target of one direction.
 *
 * @param lastHeartbeatMillis timestamp of the newest heartbeat from the source, or -1 if none
 * @param heartbeatAgeMillis  age of that heartbeat when read, or -1 if none
 * @param checkpoints         per configured group, the offsets MM2 translated for the target
 */
public record MirrorState(long lastHeartbeatMillis, long heartbeatAgeMillis, List<GroupOffsets> checkpoints) {
}
