package io.kafkadr.operations;

import io.kafkadr.workflows.drill.DrillWorkflow;
import io.kafkadr.workflows.drpair.DrPairWorkflow;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.provision.ProvisionWorkflow;
import io.kafkadr.workflows.provision.TeardownWorkflow;

/**
 * The workflow-id rules: what makes asking twice join the first run (one failover per incident,
 * one replication per pair and direction) and what makes each request a run of its own.
 */
public final class OperationIds {

    private OperationIds() {
    }

    /**
     * One workflow per incident ({@code failover/<pair>/incident-<id>}: asking twice for the same
     * incident joins the first run), else one per request.
     */
    public static String failover(String pair, String incidentId, long nowMillis) {
        return "failover/" + pair + "/" + (incidentId != null ? "incident-" + incidentId : Long.toString(nowMillis));
    }

    public static String failback(String pair, long nowMillis) {
        return "failback/" + pair + "/" + nowMillis;
    }

    public static String verify(String pair, long nowMillis) {
        return "verify/" + pair + "/" + nowMillis;
    }

    /** One workflow id per pair and direction: running it twice joins the run in flight. */
    public static String replicate(PairConfig pair) {
        Direction d = Direction.primaryToSecondary(pair);
        return "replicate/" + pair.name() + "/" + d.source() + "-to-" + d.target();
    }

    /** A drill named {@code idOrTime} (an id the operator gives, else the time). */
    public static String drill(String pair, String idOrTime) {
        return DrillWorkflow.workflowId(pair, idOrTime);
    }

    /**
     * One provisioning per pair ({@code provision/<pair>}: asking again while it runs joins it); a
     * plan runs beside it as {@code provision/<pair>/plan}, so it never joins a run that changes things.
     */
    public static String provision(String pair, boolean plan) {
        return ProvisionWorkflow.workflowId(pair) + (plan ? "/plan" : "");
    }

    /** One teardown per pair ({@code teardown/<pair>}). */
    public static String teardown(String pair) {
        return TeardownWorkflow.workflowId(pair);
    }

    /** The pair's entity workflow, which knows its active side and the operation in flight. */
    public static String pairEntity(String pair) {
        return DrPairWorkflow.workflowId(pair);
    }

    /** The run in the Temporal UI at {@code uiBase} (e.g. http://127.0.0.1:8233), or null without one. */
    public static String uiLink(String uiBase, String namespace, String workflowId) {
        return uiBase == null ? null : uiBase + "/namespaces/" + namespace + "/workflows/"
                + java.net.URLEncoder.encode(workflowId, java.nio.charset.StandardCharsets.UTF_8);
    }
}
