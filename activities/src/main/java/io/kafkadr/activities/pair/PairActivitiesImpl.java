package io.kafkadr.activities.pair;

import io.kafkadr.workflows.pair.PairActivities;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigException;
import io.kafkadr.workflows.pair.PairConfigParser;
import io.kafkadr.workflows.pair.PairSource;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;

public class PairActivitiesImpl implements PairActivities {

    private final Path baseDir;

    /** @param baseDir where relative pair file names are resolved (the worker's project root) */
    public PairActivitiesImpl(Path baseDir) {
        this.baseDir = baseDir;
    }

    @Override
    public PairConfig loadPair(String pairFile) {
        try {
            return PairConfigParser.parseFile(baseDir.resolve(pairFile));
        } catch (PairConfigException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), PairSource.BAD_PAIR);
        }
    }
}
