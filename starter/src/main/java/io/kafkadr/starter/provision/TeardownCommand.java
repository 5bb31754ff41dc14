package io.kafkadr.starter.provision;

import io.kafkadr.operations.OperationIds;
import io.kafkadr.operations.OperationKind;
import io.kafkadr.operations.Operations;
import io.kafkadr.workflows.provision.AwsProvisionSpec;
import io.kafkadr.workflows.provision.TeardownRequest;
import io.kafkadr.workflows.provision.TeardownResult;
import picocli.CommandLine.Command;

/** {@code drctl teardown --pair FILE [--endpoint-url URL] [--json]}: runs TeardownWorkflow and prints what it deleted. */
@Command(name = "teardown", mixinStandardHelpOptions = true,
        description = {"Remove what 'drctl provision' made for the spec's pair, in dependency order, and only what carries "
                + "the pair's ownership tags (kafka-dr:pair, kafka-dr:managed): Connect services, task definitions and "
                + "ECS clusters, peering routes and the peering, MSK clusters (waited for), the SCRAM secrets (no recovery "
                + "window), the KMS keys (scheduled for deletion in 7 days), security groups, subnets and VPCs it created."})
public class TeardownCommand extends AwsSpecCommand<TeardownResult> {

    @Override
    protected TeardownResult run(Operations ops, AwsProvisionSpec spec, String endpoint) {
        return ops.run(OperationKind.TEARDOWN, OperationIds.teardown(spec.name()), new TeardownRequest(spec, endpoint));
    }

    @Override
    protected void print(TeardownResult result, String where) {
        System.out.println("tore down pair " + result.pair() + where + ":");
        ResourceTable.print(System.out, result.resources());
    }
}
