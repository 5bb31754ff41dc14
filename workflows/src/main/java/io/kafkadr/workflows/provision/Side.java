package io.kafkadr.workflows.provision;

/** One of the pair's two regions. */
public enum Side {
    PRIMARY, SECONDARY;

    public Side other() {
        return this == PRIMARY ? SECONDARY : PRIMARY;
    }
}
