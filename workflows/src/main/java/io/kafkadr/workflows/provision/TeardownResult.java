package io.kafkadr.workflows.provision;

import io.kafkadr.workflows.operation.Step;
import java.util.List;

/** What a teardown deleted (only resources that carried the pair's ownership tags), step by step. */
public record TeardownResult(String pair, List<ProvisionedResource> resources, List<Step> steps) {
}
