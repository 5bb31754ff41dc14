package io.kafkadr.workflows.provision;

/**
 * One AWS resource a provisioning or teardown run touched (or, planning, would touch).
 *
 * @param kind   e.g. {@code vpc}, {@code subnet}, {@code msk-cluster}, {@code ecs-service}
 * @param id     its id or ARN (planning a resource that does not exist yet: its name)
 * @param region where it lives
 * @param action one of {@link #CREATED}, {@link #REUSED}, {@link #UPDATED}, {@link #DELETED},
 *               {@link #WOULD_CREATE}, {@link #WOULD_UPDATE}
 */
public record ProvisionedResource(String kind, String id, String region, String action) {

    public static final String CREATED = "created";
    public static final String REUSED = "reused";
    public static final String UPDATED = "updated";
    public static final String DELETED = "deleted";
    public static final String WOULD_CREATE = "would-create";
    public static final String WOULD_UPDATE = "would-update";

    public static ProvisionedResource created(String kind, String id, String region, boolean plan) {
        return new ProvisionedResource(kind, id, region, plan ? WOULD_CREATE : CREATED);
    }

    public static ProvisionedResource updated(String kind, String id, String region, boolean plan) {
        return new ProvisionedResource(kind, id, region, plan ? WOULD_UPDATE : UPDATED);
    }
}
