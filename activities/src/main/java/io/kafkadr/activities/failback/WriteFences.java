package io.kafkadr.activities.failback;

import io.kafkadr.activities.kafka.KafkaAdmins;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.failback.FenceAcl;
import io.kafkadr.workflows.failback.WriteFence;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

import static io.kafkadr.activities.kafka.KafkaFailures.await;

/**
 * Puts up and takes down write fences ({@link FencePlan}) with Kafka's ACL admin API. Both are
 * idempotent: creating an ACL that exists changes nothing, deleting one that is gone deletes
 * nothing. A cluster without an authorizer cannot be fenced and says so; an orchestrator that may
 * not read or change ACLs fails, non-retryable, naming what it needs.
 */
final class WriteFences {

    private final KafkaAdmins admins;

    WriteFences(KafkaAdmins admins) {
        this.admins = admins;
    }

    /** Fences {@code topics} of {@code cluster} against every principal but {@code exempt}. */
    WriteFence fence(ClusterConfig cluster, Collection<String> topics, Set<String> exempt) {
        Admin admin = admins.admin(cluster);
        Collection<AclBinding> bindings;
        try {
            bindings = admin.describeAcls(new AclBindingFilter(new ResourcePatternFilter(ResourceType.TOPIC, null,
                    PatternType.ANY), AccessControlEntryFilter.ANY)).values().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                return new WriteFence(cluster.alias(), List.of(), List.of("'" + cluster.alias() + "' has no authorizer: "
                        + "nothing can be fenced there; writes after the final check are detected instead"), false);
            }
            throw denied(cluster, "read its ACLs (DESCRIBE on the cluster)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted", ActivityFailures.NOT_READY);
        }
        List<FencePlan.Acl> acls = bindings.stream().map(b -> new FencePlan.Acl(b.pattern().name(),
                b.pattern().patternType() == PatternType.PREFIXED, b.entry().principal(),
                b.entry().permissionType() == AclPermissionType.ALLOW,
                b.entry().operation() == AclOperation.WRITE || b.entry().operation() == AclOperation.ALL)).toList();
        FencePlan plan = FencePlan.of(topics, acls, exempt);
        List<String> unfenced = new ArrayList<>(plan.unfenced());
        superUsers(admin, cluster).ifPresent(users -> unfenced.add("super users " + users + " bypass every ACL"));
        if (!plan.add().isEmpty()) {
            try {
                admin.createAcls(plan.add().stream().map(WriteFences::binding).toList()).all().get();
            } catch (ExecutionException e) {
                throw denied(cluster, "create ACLs (ALTER on the cluster)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApplicationFailure.newFailure("interrupted", ActivityFailures.NOT_READY);
            }
        }
        return new WriteFence(cluster.alias(), plan.add(), unfenced, true);
    }

    /** Removes exactly the ACLs of {@code fence}; those already gone are skipped. */
    void lift(ClusterConfig cluster, WriteFence fence) {
        if (fence.acls().isEmpty()) {
            return;
        }
        List<AclBindingFilter> filters = fence.acls().stream().map(a -> binding(a).toFilter()).toList();
        await(admins.admin(cluster).deleteAcls(filters).all(), cluster, "removing the write fence " + fence.acls());
    }

    /** The DENY WRITE ACLs on {@code topics} of {@code cluster} now (empty without an authorizer). */
    List<FenceAcl> current(ClusterConfig cluster, Collection<String> topics) {
        try {
            return admins.admin(cluster).describeAcls(new AclBindingFilter(new ResourcePatternFilter(ResourceType.TOPIC,
                    null, PatternType.LITERAL), new AccessControlEntryFilter(null, null, AclOperation.WRITE,
                    AclPermissionType.DENY))).values().get().stream()
                    .filter(b -> topics.contains(b.pattern().name()))
                    .map(b -> new FenceAcl(b.pattern().name(), b.entry().principal())).sorted(
                            java.util.Comparator.comparing(FenceAcl::topic).thenComparing(FenceAcl::principal)).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                return List.of();
            }
            throw denied(cluster, "read its ACLs (DESCRIBE on the cluster)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted", ActivityFailures.NOT_READY);
        }
    }

    static AclBinding binding(FenceAcl acl) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, acl.topic(), PatternType.LITERAL),
                new AccessControlEntry(acl.principal(), "*", AclOperation.WRITE, AclPermissionType.DENY));
    }

    /** The brokers' {@code super.users}, when the orchestrator may read broker configs and some are set. */
    private static java.util.Optional<String> superUsers(Admin admin, ClusterConfig cluster) {
        try {
            String broker = admin.describeCluster().nodes().get().iterator().next().idString();
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker);
            var entry = admin.describeConfigs(List.of(resource)).all().get().get(resource).get("super.users");
            return entry == null || entry.value() == null || entry.value().isBlank() ? java.util.Optional.empty()
                    : java.util.Optional.of(entry.value());
        } catch (ExecutionException | RuntimeException e) {
            return java.util.Optional.of("(unknown: the orchestrator may not read the brokers' configs)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted", ActivityFailures.NOT_READY);
        }
    }

    private static ApplicationFailure denied(ClusterConfig cluster, String what, ExecutionException e) {
        if (e.getCause() instanceof org.apache.kafka.common.errors.AuthorizationException) {
            return ApplicationFailure.newNonRetryableFailure("the orchestrator may not " + what + " of '" + cluster.alias()
                    + "' to fence writes: grant its principal DESCRIBE and ALTER on the cluster resource, or run "
                    + "without an authorizer (then writes are only detected): " + e.getCause().getMessage(),
                    ActivityFailures.BAD_INPUT);
        }
        return io.kafkadr.activities.kafka.KafkaFailures.translate(e.getCause(), cluster, "fencing writes");
    }
}
