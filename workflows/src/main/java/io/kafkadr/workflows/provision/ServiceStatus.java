package io.kafkadr.workflows.provision;

/**
 * An ECS service as DescribeServices reports it. Stable (what {@code aws ecs wait services-stable}
 * waits for): ACTIVE, one deployment, as many tasks running as desired.
 */
public record ServiceStatus(String service, String status, int desired, int running, int pending, int deployments) {

    public boolean stable() {
        return "ACTIVE".equals(status) && deployments == 1 && running == desired;
    }

    public String describe() {
        return service + ": " + running + " of " + desired + " tasks running, " + pending + " pending, "
                + deployments + " deployment(s)";
    }
}
