package io.kafkadr.operations.report;

/**
 * What an operation was held to, when its pair states it; either figure may be absent (null).
 *
 * @param rtoSeconds trigger to the last producer healthy on the new cluster, at most
 * @param rpoRecords records that may be lost, at most
 */
public record Objectives(Long rtoSeconds, Long rpoRecords) {

    public static final Objectives NONE = new Objectives(null, null);

    public boolean any() {
        return rtoSeconds != null || rpoRecords != null;
    }
}
