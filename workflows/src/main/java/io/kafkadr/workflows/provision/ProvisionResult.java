package io.kafkadr.workflows.provision;

import io.kafkadr.workflows.operation.Step;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;

/**
 * What a provisioning run did (or, planning, would do): every resource with its action, the steps,
 * and the pair config of what was provisioned (null when planning), registered with the worker.
 */
public record ProvisionResult(String pair, boolean plan, List<ProvisionedResource> resources, PairConfig pairConfig,
                              String registeredAs, List<Step> steps) {

    /** How many resources were (or would be) {@code action}. */
    public long count(String action) {
        return resources.stream().filter(r -> r.action().equals(action)).count();
    }
}
