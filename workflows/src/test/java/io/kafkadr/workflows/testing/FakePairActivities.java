package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.pair.PairActivities;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;

/** {@link PairActivities} that "loads" one given pair, whatever the file name. */
public class FakePairActivities extends RecordingFake implements PairActivities {

    private final PairConfig pair;

    public FakePairActivities(PairConfig pair) {
        this.pair = pair;
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
}
