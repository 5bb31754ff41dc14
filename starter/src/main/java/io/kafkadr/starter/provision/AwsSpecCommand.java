package io.kafkadr.starter.provision;

import io.kafkadr.operations.Json;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.provision.AwsProvisionSpec;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A drctl command that runs one workflow on a provisioning spec: read and check the spec and the
 * endpoint (before anything starts), make sure a worker serves the task queue, run it printing its
 * progress, print the result as JSON or for people.
 *
 * @param <R> the workflow's result
 */
abstract class AwsSpecCommand<R> implements Callable<Integer> {

    @Mixin
    AwsSpecOptions aws;
    @Mixin
    TemporalOptions temporal;
    @Option(names = "--json", description = "print the result (resources, steps, and a pair config if any) as JSON on stdout")
    boolean json;

    @Override
    public Integer call() {
        AwsProvisionSpec spec = aws.spec();
        String endpoint = aws.endpointUrl();
        try (Operations ops = new Operations(temporal, System.err)) {
            ops.awaitWorker(Duration.ofSeconds(15));
            R result = run(ops, spec, endpoint);
            if (json) {
                System.out.println(Json.write(result));
            } else {
                print(result, endpoint == null ? "" : " on " + endpoint);
            }
            return 0;
        }
    }

    protected abstract R run(Operations ops, AwsProvisionSpec spec, String endpoint);

    /** Prints {@code result} for people; {@code where}: " on <endpoint>", or empty for AWS. */
    protected abstract void print(R result, String where);
}
