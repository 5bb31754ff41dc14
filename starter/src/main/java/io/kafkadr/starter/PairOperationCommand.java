package io.kafkadr.starter;

import io.kafkadr.operations.Json;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.pair.PairConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A drctl command that runs one operation workflow on a pair: validate the pair, make sure a
 * worker serves the task queue, run, print the result as JSON or for people.
 *
 * @param <R> the workflow's result
 */
public abstract class PairOperationCommand<R> implements Callable<Integer> {

    @Mixin
    protected PairOptions pairOptions;
    @Mixin
    protected TemporalOptions temporal;
    @Option(names = "--json", description = "print the result as JSON on stdout")
    protected boolean json;

    @Override
    public Integer call() {
        PairConfig pair = pairOptions.load();
        try (Operations ops = new Operations(temporal, System.err)) {
            ops.awaitWorker(Duration.ofSeconds(15));
            R result = run(ops, pair);
            if (json) {
                System.out.println(Json.write(result));
            } else {
                print(result);
            }
            return succeeded(result) ? 0 : 1;
        }
    }

    protected abstract R run(Operations ops, PairConfig pair);

    protected abstract void print(R result);

    protected abstract boolean succeeded(R result);
}
