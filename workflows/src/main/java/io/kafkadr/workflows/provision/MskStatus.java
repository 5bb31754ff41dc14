package io.kafkadr.workflows.provision;

/** An MSK cluster as DescribeClusterV2 reports it: its state (CREATING, ACTIVE, FAILED, ...) and shape. */
public record MskStatus(String arn, String state, MskShape shape) {

    public static final String ACTIVE = "ACTIVE";
    public static final String FAILED = "FAILED";

    public boolean active() {
        return ACTIVE.equals(state);
    }
}
