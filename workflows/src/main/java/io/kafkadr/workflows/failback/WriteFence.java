package io.kafkadr.workflows.failback;

import java.util.List;

/**
 * A write fence on one cluster: the ACLs kafka-dr added (only those: ACLs that existed before are
 * not its to remove) and what it could not fence, each with why.
 *
 * @param cluster    alias of the fenced cluster
 * @param acls       the DENY WRITE ACLs this fence added
 * @param unfenced   what still can write, and why (no authorizer, a wildcard ALLOW, super users)
 * @param authorizer false when the cluster has no authorizer: nothing can be fenced there
 */
public record WriteFence(String cluster, List<FenceAcl> acls, List<String> unfenced, boolean authorizer) {

    public WriteFence {
        acls = acls == null ? List.of() : List.copyOf(acls);
        unfenced = unfenced == null ? List.of() : List.copyOf(unfenced);
    }

    /** One line for the timeline and the report. */
    public String describe() {
        String added = acls.isEmpty() ? "no ACL added" : acls.size() + " DENY WRITE ACLs (" + acls.stream()
                .map(FenceAcl::principal).distinct().sorted().toList() + " on " + acls.stream().map(FenceAcl::topic)
                .distinct().count() + " topics)";
        return "'" + cluster + "': " + added + (unfenced.isEmpty() ? "" : "; not fenced: " + unfenced);
    }

    /** {@code a} and {@code b} together (same cluster; either may be null): one fence to record and to lift. */
    public static WriteFence merge(WriteFence a, WriteFence b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        java.util.LinkedHashSet<FenceAcl> acls = new java.util.LinkedHashSet<>(a.acls());
        acls.addAll(b.acls());
        java.util.LinkedHashSet<String> unfenced = new java.util.LinkedHashSet<>(a.unfenced());
        unfenced.addAll(b.unfenced());
        return new WriteFence(a.cluster(), List.copyOf(acls), List.copyOf(unfenced), a.authorizer() || b.authorizer());
    }
}
