package io.kafkadr.workflows.provision;

import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.operation.Timeline;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

public class TeardownWorkflowImpl implements TeardownWorkflow {

    private final ProvisionActivities aws = ProvisionOptions.activities();
    private final Timeline timeline = new Timeline();
    private final List<ProvisionedResource> deleted = new ArrayList<>();

    @Override
    public TeardownResult teardown(TeardownRequest request) {
        if (request == null || request.spec() == null) {
            throw ApplicationFailure.newNonRetryableFailure("empty input: give {\"spec\": {...the provisioning spec...}, "
                    + "\"endpointUrl\": null}", ActivityFailures.BAD_INPUT);
        }
        AwsProvisionSpec spec = ProvisionWorkflowImpl.validated(request.spec());
        ProvisionTarget target = new ProvisionTarget(spec, request.endpointUrl());
        timeline.tag(spec.name(), "teardown");

        for (Side side : Side.values()) {
            deleted.addAll(timeline.step("connect " + alias(spec, side), "services, task definitions, ECS cluster",
                    () -> aws.deleteConnect(target, side)));
        }
        deleted.addAll(timeline.step("vpc peering", "routes both ways, then the peering", () -> aws.deletePeering(target)));
        for (Side side : Side.values()) {
            deleted.addAll(timeline.step("msk cluster " + alias(spec, side), "deletion started",
                    () -> aws.deleteMskCluster(target, side)));
        }
        timeline.step("wait msk deleted", "both clusters", () -> {
            ProvisionOptions.waitUntil("both MSK clusters deleted", ProvisionOptions.MSK_WAIT, () -> {
                boolean left = false;
                for (Side side : Side.values()) {
                    left |= aws.mskClusterLeft(target, side);
                }
                return !left;
            });
            return null;
        });
        for (Side side : Side.values()) {
            deleted.addAll(timeline.step("scram secret " + alias(spec, side), "deleted without recovery window",
                    () -> aws.deleteSecret(target, side)));
            deleted.addAll(timeline.step("kms key " + alias(spec, side), "alias deleted, key scheduled for deletion in 7 days",
                    () -> aws.deleteKey(target, side)));
        }
        for (Side side : Side.values()) {
            deleted.addAll(timeline.step("network " + alias(spec, side), "security group, subnets and VPC kafka-dr created",
                    () -> aws.deleteNetwork(target, side)));
        }
        timeline.done("completed", deleted.size() + " resources deleted");
        return new TeardownResult(spec.name(), List.copyOf(deleted), timeline.steps());
    }

    private static String alias(AwsProvisionSpec spec, Side side) {
        return spec.region(side).alias();
    }

    @Override
    public Progress progress() {
        return timeline.progress();
    }
}
