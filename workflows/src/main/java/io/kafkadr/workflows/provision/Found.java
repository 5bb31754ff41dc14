package io.kafkadr.workflows.provision;

import java.util.List;

/**
 * What one step found or made: the id the next steps need (planning: null when it does not exist
 * yet) and every resource it touched.
 */
public record Found(String id, List<ProvisionedResource> resources) {

    public Found {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    public boolean exists() {
        return id != null;
    }
}
