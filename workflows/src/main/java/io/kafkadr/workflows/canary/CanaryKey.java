package io.kafkadr.workflows.canary;

import java.util.Optional;

/**
 * The key of one canary record, {@code <runId>/<burst>/<seq>}: the one place that writes and reads
 * it. The run id is the drill's, so records of other drills (and anything else in the topic) are
 * never this drill's.
 */
public record CanaryKey(int burst, long seq) {

    /** The key text of this record in drill run {@code runId}. */
    public String format(String runId) {
        return runId + "/" + burst + "/" + seq;
    }

    /** The record of drill run {@code runId} that {@code key} names; empty for any other key. */
    public static Optional<CanaryKey> parse(String key, String runId) {
        String prefix = runId + "/";
        if (key == null || !key.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = key.substring(prefix.length()).split("/", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CanaryKey(Integer.parseInt(parts[0]), Long.parseLong(parts[1])));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }
}
