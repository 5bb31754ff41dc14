package io.kafkadr.workflows.canary;

/** Canary sequence numbers {@code from..to}, both included. */
public record SeqRange(long from, long to) {

    public long size() {
        return to - from + 1;
    }
}
