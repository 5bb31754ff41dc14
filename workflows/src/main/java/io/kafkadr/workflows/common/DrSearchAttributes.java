package io.kafkadr.workflows.common;

import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * The search attributes (all Keyword) that make kafka-dr runs findable in the Temporal UI and
 * CLI, e.g. {@code DrPair='local' AND DrPhase='waiting for operator'}: the pair, the operation
 * ({@code replicate}, {@code verify}, {@code failover}, {@code failback}, {@code drill}) and, for
 * failover, failback and drill, the step (a drill: the phase) the run is in. The worker registers them in its namespace at start.
 */
public final class DrSearchAttributes {

    public static final SearchAttributeKey<String> PAIR = SearchAttributeKey.forKeyword("DrPair");
    public static final SearchAttributeKey<String> OPERATION = SearchAttributeKey.forKeyword("DrOperation");
    public static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword("DrPhase");
    public static final List<SearchAttributeKey<String>> ALL = List.of(PAIR, OPERATION, PHASE);

    private DrSearchAttributes() {
    }

    /**
     * Tags the running workflow with its pair and operation. Returns false (and tags nothing) when
     * replaying a history recorded before runs were tagged, so such histories replay unchanged.
     */
    public static boolean tag(String pair, String operation) {
        if (Workflow.getVersion("search-attributes", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            return false;
        }
        Workflow.upsertTypedSearchAttributes(PAIR.valueSet(pair), OPERATION.valueSet(operation));
        return true;
    }

    /**
     * Tags a part of an operation (one consumer group's move, a child of a failover or failback)
     * with its pair only: it has a {@code DrPhase} of its own, but no {@code DrOperation}, so
     * listings of operations never count it. A workflow type newer than the tags: no version check.
     */
    public static boolean tagPart(String pair) {
        Workflow.upsertTypedSearchAttributes(PAIR.valueSet(pair));
        return true;
    }

    /** The step the run is in now; call only when {@link #tag} returned true. */
    public static void phase(String phase) {
        Workflow.upsertTypedSearchAttributes(PHASE.valueSet(phase));
    }
}
