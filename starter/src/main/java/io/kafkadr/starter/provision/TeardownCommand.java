package io.kafkadr.starter.provision;

import io.kafkadr.operations.Json;
import io.kafkadr.operations.OperationIds;
import io.kafkadr.operations.OperationKind;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.provision.AwsProvisionSpec;
import io.kafkadr.workflows.provision.TeardownRequest;
import io.kafkadr.workflows.provision.TeardownResult;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drctl teardown --pair FILE [--endpoint-url URL] [--json]}: runs TeardownWorkflow and prints what it deleted. */
@Command(name = "teardown", mixinStandardHelpOptions = true,
        description = {"Remove what 'drctl provision' made for the spec's pair, in dependency order, and only what carries "
                + "the pair's ownership tags (kafka-dr:pair, kafka-dr:managed): Connect services, task definitions and "
                + "ECS clusters, peering routes and the peering, MSK clusters (waited for), the SCRAM secrets (no recovery "
                + "window), the KMS keys (scheduled for deletion in 7 days), security groups, subnets and VPCs it created."})
public class TeardownCommand implements Callable<Integer> {

    @Mixin
    AwsSpecOptions aws;
    @Mixin
    TemporalOptions temporal;
    @Option(names = "--json", description = "print the result (resources deleted, steps) as JSON on stdout")
    boolean json;

    @Override
    public Integer call() {
        AwsProvisionSpec spec = aws.spec();
        String endpoint = aws.endpointUrl();
        try (Operations ops = new Operations(temporal, System.err)) {
            ops.awaitWorker(Duration.ofSeconds(15));
            TeardownResult result = ops.run(OperationKind.TEARDOWN, OperationIds.teardown(spec.name()),
                    new TeardownRequest(spec, endpoint));
            if (json) {
                System.out.println(Json.write(result));
            } else {
                System.out.println("tore down pair " + result.pair() + (endpoint == null ? "" : " on " + endpoint) + ":");
                ResourceTable.print(System.out, result.resources());
            }
            return 0;
        }
    }
}
