package io.kafkadr.starter.provision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kafkadr.operations.OperationIds;
import io.kafkadr.operations.OperationKind;
import io.kafkadr.operations.Operations;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.provision.AwsProvisionSpec;
import io.kafkadr.workflows.provision.ProvisionRequest;
import io.kafkadr.workflows.provision.ProvisionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drctl provision --pair FILE [--endpoint-url URL] [--plan] [--json]}: runs
 * ProvisionWorkflow for the spec and prints its progress, then the resources (kind, id, region,
 * action) and the resulting pair config, which the worker now serves.
 */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {"Provision a pair on AWS from a spec (kind: aws-provision, e.g. pairs/aws-example.yaml): per region "
                + "a VPC, subnets and a security group, a KMS key, the AmazonMSK_ SCRAM secret, an MSK cluster (waited for "
                + "until ACTIVE, checked to match the other), VPC peering with DNS and routes, Kafka Connect on ECS Fargate; "
                + "then the resulting pair is registered with the worker and printed. A re-run reuses what exists.",
                "--plan prints what would be created, reused or changed, touching nothing."})
public class ProvisionCommand extends AwsSpecCommand<ProvisionResult> {

    @Option(names = "--plan", description = "print what would be created, reused or changed; create nothing")
    boolean plan;

    @Override
    protected ProvisionResult run(Operations ops, AwsProvisionSpec spec, String endpoint) {
        return ops.run(OperationKind.PROVISION, OperationIds.provision(spec.name(), plan),
                new ProvisionRequest(spec, endpoint, plan));
    }

    @Override
    protected void print(ProvisionResult result, String where) {
        System.out.println((result.plan() ? "plan of pair " : "provisioned pair ") + result.pair() + where + ":");
        ResourceTable.print(System.out, result.resources());
        if (result.pairConfig() != null) {
            System.out.println();
            System.out.println("# pair config, registered with the worker as " + result.registeredAs());
            System.out.print(yaml(result.pairConfig()));
        }
    }

    /** The pair config as a pair file (YAML) the way drctl pair register reads it. */
    static String yaml(PairConfig pair) {
        try {
            return YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build()
                    .setSerializationInclusion(JsonInclude.Include.NON_NULL).writeValueAsString(pair);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the pair config as YAML: " + e.getMessage(), e);
        }
    }
}
