package io.kafkadr.activities.drpair;

import io.kafkadr.workflows.drpair.OperationRef;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;
import java.util.stream.Stream;

/**
 * The pair's operations as the Temporal server lists them, to rebuild a lost entity from: the
 * ones running now and what the completed ones left the pair as. Both are empty where the server
 * has no visibility to ask (the Java test server).
 */
public interface OperationRuns {

    /** Operations that take the pair's lock (failover, failback, replicate) and run now, oldest first. */
    List<OperationRef> running(String pair);

    /** What the pair's completed operations left it as, newest first; read lazily, so stop early. */
    Stream<RunEffect> completed(PairConfig pair);
}
