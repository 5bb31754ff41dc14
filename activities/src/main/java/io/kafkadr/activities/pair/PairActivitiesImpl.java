package io.kafkadr.activities.pair;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.PairActivities;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigException;
import io.kafkadr.workflows.pair.PairConfigParser;
import io.kafkadr.workflows.pair.PairRegistry;
import io.kafkadr.workflows.pair.PairSource;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;

public class PairActivitiesImpl implements PairActivities {

    private final Path baseDir;
    private final ServedPairs served;

    /**
     * @param baseDir where relative pair file names are resolved (the worker's project root)
     * @param served  the pairs this worker serves
     */
    public PairActivitiesImpl(Path baseDir, ServedPairs served) {
        this.baseDir = baseDir;
        this.served = served;
    }

    @Override
    public PairConfig loadPair(String pairFile) {
        Path file = baseDir.resolve(pairFile);
        PairRegistry registry = served.registry();
        if (!registry.holds(file)) {
            throw ApplicationFailure.newNonRetryableFailure("pairFile '" + pairFile + "' is not in this worker's pairs "
                    + "folders " + registry.folders() + " (or does not exist): the worker runs only the pairs it serves. "
                    + "Register it on the worker's host with `drctl pair register " + pairFile + "` and name it in the "
                    + "input: {\"pair\": \"<its name>\"}", ActivityFailures.NOT_SERVED);
        }
        try {
            return PairConfigParser.parseFile(file);
        } catch (PairConfigException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), PairSource.BAD_PAIR);
        }
    }

    @Override
    public PairConfig registeredPair(String name) {
        return served.registered(name);
    }

    @Override
    public void checkNarrows(PairConfig pair) {
        served.check(pair);
    }
}
