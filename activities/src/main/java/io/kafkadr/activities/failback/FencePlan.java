package io.kafkadr.activities.failback;

import io.kafkadr.workflows.failback.FenceAcl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which DENY WRITE ACLs fence a set of topics, decided from the cluster's ACLs: every principal an
 * ALLOW lets write a topic (WRITE or ALL; literal, prefixed or wildcard resource) is denied WRITE
 * on it, except the exempt ones (MM2's and the orchestrator's, which must go on writing). A DENY
 * wins over every ALLOW, so a principal cannot be exempt from a DENY for {@code User:*}: where an
 * ALLOW names {@code User:*} the topic cannot be fenced without stopping MM2 too, and the plan says
 * so instead. ACLs that already exist are not added (and so never removed by the fence's lift).
 */
final class FencePlan {

    /** An ACL as the plan needs it: a topic pattern and who it lets or stops doing what. */
    record Acl(String pattern, boolean prefixed, String principal, boolean allow, boolean writeOrAll) {
        boolean covers(String topic) {
            return prefixed ? topic.startsWith(pattern) : pattern.equals("*") || pattern.equals(topic);
        }
    }

    static final String EVERYONE = "User:*";

    private final List<FenceAcl> add;
    private final List<String> unfenced;

    private FencePlan(List<FenceAcl> add, List<String> unfenced) {
        this.add = add;
        this.unfenced = unfenced;
    }

    List<FenceAcl> add() {
        return add;
    }

    List<String> unfenced() {
        return unfenced;
    }

    static FencePlan of(Collection<String> topics, Collection<Acl> acls, Set<String> exempt) {
        List<FenceAcl> add = new ArrayList<>();
        List<String> unfenced = new ArrayList<>();
        for (String topic : new TreeSet<>(topics)) {
            Set<String> writers = new TreeSet<>();
            Set<String> denied = new TreeSet<>();
            for (Acl a : acls) {
                if (!a.covers(topic) || !a.writeOrAll()) {
                    continue;
                }
                if (a.allow()) {
                    writers.add(a.principal());
                } else if (!a.prefixed() && a.pattern().equals(topic)) {
                    denied.add(a.principal());
                }
            }
            if (writers.contains(EVERYONE)) {
                unfenced.add(topic + ": an ALLOW lets every principal (User:*) write it, and a DENY for all would stop "
                        + "MM2 too; replace that ACL with one per principal to make it fenceable");
                continue;
            }
            if (writers.isEmpty()) {
                unfenced.add(topic + ": no ACL allows anyone to write it (only super users, or every principal where "
                        + "allow.everyone.if.no.acl.found=true)");
                continue;
            }
            for (String principal : writers) {
                if (!exempt.contains(principal) && !denied.contains(principal)) {
                    add.add(new FenceAcl(topic, principal));
                }
            }
        }
        return new FencePlan(List.copyOf(add), List.copyOf(unfenced));
    }
}
