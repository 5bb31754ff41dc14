package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.PairActivities;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairNarrowing;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * {@link PairActivities} that "loads" one given pair, whatever the file name. Without a pair it
 * takes every inline pair as served; with one ({@link #serving}) it serves that pair only, by the
 * worker's rule ({@link PairNarrowing}).
 */
public class FakePairActivities extends RecordingFake implements PairActivities {

    private final PairConfig pair;
    private final boolean strict;

    public FakePairActivities(PairConfig pair) {
        this(pair, false);
    }

    private FakePairActivities(PairConfig pair, boolean strict) {
        this.pair = pair;
        this.strict = strict;
    }

    /** A worker that serves {@code registered} and nothing else. */
    public static FakePairActivities serving(PairConfig registered) {
        return new FakePairActivities(registered, true);
    }

    /** Pair files asked for, in call order. */
    public List<String> loadedFiles() {
        return calls("loadPair").stream().map(c -> (String) c.arg(0)).toList();
    }

    @Override
    public PairConfig loadPair(String pairFile) {
        record("loadPair", pairFile);
        return pair;
    }

    @Override
    public PairConfig registeredPair(String name) {
        record("registeredPair", name);
        if (pair == null || !pair.name().equals(name)) {
            throw ApplicationFailure.newNonRetryableFailure("pair '" + name + "' is not served by this worker",
                    ActivityFailures.NOT_SERVED);
        }
        return pair;
    }

    @Override
    public void checkNarrows(PairConfig asked) {
        record("checkNarrows", asked.name());
        if (!strict) {
            return;
        }
        List<String> beyond = PairNarrowing.beyond(registeredPair(asked.name()), asked);
        if (!beyond.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure(PairNarrowing.refusal(asked.name(), beyond),
                    ActivityFailures.NOT_SERVED);
        }
    }
}
