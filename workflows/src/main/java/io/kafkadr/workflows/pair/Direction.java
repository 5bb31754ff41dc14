package io.kafkadr.workflows.pair;

/** One replication direction: MM2 copies from {@code source} into {@code target} (aliases). */
public record Direction(String source, String target) {

    public static Direction primaryToSecondary(PairConfig pair) {
        return new Direction(pair.primary(), pair.secondary());
    }

    /** Fills in the pair's normal direction where the input left it out, and checks the aliases. */
    public static Direction orDefault(Direction requested, PairConfig pair) {
        Direction d = requested == null || requested.source() == null ? primaryToSecondary(pair) : requested;
        if (pair.findCluster(d.source()).isEmpty() || pair.findCluster(d.target()).isEmpty()
                || d.source().equals(d.target())) {
            throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("direction " + d + " must name two different clusters of pair '"
                    + pair.name() + "' (" + pair.primary() + ", " + pair.secondary() + ")", PairSource.BAD_PAIR);
        }
        return d;
    }

    @Override
    public String toString() {
        return source + " -> " + target;
    }
}
