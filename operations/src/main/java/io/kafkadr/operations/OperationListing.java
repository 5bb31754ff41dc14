package io.kafkadr.operations;

import io.kafkadr.workflows.drpair.OperationRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What {@code drctl list} decides: the visibility query, the merge with the pair entity's record, the table. Pure. */
public final class OperationListing {

    /** The operations a run's {@code DrOperation} names. */
    public static final List<String> OPERATIONS = List.of("replicate", "verify", "failover", "failback", "drill");

    private OperationListing() {
    }

    /** A run's status as drctl shows it: {@code completed}, {@code running}, {@code failed}, ... */
    public static String status(io.temporal.api.enums.v1.WorkflowExecutionStatus status) {
        return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** The visibility query for the pair's operations, optionally of one type and since an instant. */
    public static String query(String pair, String operation, Instant since) {
        if (operation != null && !OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("--operation '" + operation + "' is not one of " + OPERATIONS);
        }
        StringBuilder q = new StringBuilder("DrPair = '").append(pair.replace("'", "\\'")).append("' AND DrOperation ");
        q.append(operation == null ? "IS NOT NULL" : "= '" + operation + "'");
        if (since != null) {
            q.append(" AND StartTime >= '").append(since).append('\'');
        }
        return q.toString();
    }

    /**
     * Visibility's rows, plus the pair entity's past operations it does not have (expired from
     * visibility, or a server without it), filtered like the query; newest first.
     */
    public static List<ListedOperation> merge(List<ListedOperation> visible, List<OperationRef> recorded, String operation,
                                              Instant since) {
        List<ListedOperation> all = new ArrayList<>(visible);
        Set<String> seen = new HashSet<>();
        visible.forEach(v -> seen.add(v.id()));
        for (OperationRef r : recorded) {
            if (seen.contains(r.id()) || (operation != null && !operation.equals(r.type()))
                    || (since != null && r.startedAtMillis() < since.toEpochMilli())) {
                continue;
            }
            all.add(new ListedOperation(r.id(), r.type(), "recorded", r.outcome(), r.startedAtMillis(), r.endedAtMillis(),
                    ListedOperation.PAIR_ENTITY));
        }
        all.sort(Comparator.comparingLong(ListedOperation::startedAtMillis).reversed());
        return all;
    }

    /** The table people read. */
    public static String table(List<ListedOperation> rows) {
        StringBuilder out = new StringBuilder(String.format("%-20s  %-9s  %-10s  %-10s  %8s  %s%n", "started (UTC)",
                "operation", "status", "outcome", "took", "workflow id"));
        for (ListedOperation r : rows) {
            String took = r.endedAtMillis() > 0 ? human(Duration.ofMillis(r.endedAtMillis() - r.startedAtMillis())) : "-";
            out.append(String.format("%-20s  %-9s  %-10s  %-10s  %8s  %s%n",
                    Instant.ofEpochMilli(r.startedAtMillis()).toString().replaceFirst("\\.\\d+Z$", "Z"), r.operation(),
                    r.status(), r.outcome() == null ? "-" : r.outcome(), took, r.id()));
        }
        return out.toString();
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h";
    }
}
