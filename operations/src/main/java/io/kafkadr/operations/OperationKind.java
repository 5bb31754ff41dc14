package io.kafkadr.operations;

import io.kafkadr.workflows.drill.DrillResult;
import io.kafkadr.workflows.drill.DrillWorkflow;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failback.FailbackWorkflow;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.failover.FailoverWorkflow;
import io.kafkadr.workflows.provision.ProvisionResult;
import io.kafkadr.workflows.provision.ProvisionWorkflow;
import io.kafkadr.workflows.provision.TeardownResult;
import io.kafkadr.workflows.provision.TeardownWorkflow;
import io.kafkadr.workflows.replication.ReplicationSetupResult;
import io.kafkadr.workflows.replication.ReplicationSetupWorkflow;
import io.kafkadr.workflows.verify.VerificationReport;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflow;
import java.util.List;
import java.util.Optional;

/**
 * An operation drctl and the API start: its name (the run's {@code DrOperation}, drctl's progress
 * label), its workflow interface (the typed stub that names the workflow type) and its result.
 *
 * @param <R> the workflow's result
 */
public record OperationKind<R>(String name, Class<?> workflow, Class<R> result) {

    public static final OperationKind<ReplicationSetupResult> REPLICATE =
            new OperationKind<>("replicate", ReplicationSetupWorkflow.class, ReplicationSetupResult.class);
    public static final OperationKind<VerificationReport> VERIFY =
            new OperationKind<>("verify", VerifyReplicationWorkflow.class, VerificationReport.class);
    public static final OperationKind<FailoverReport> FAILOVER =
            new OperationKind<>("failover", FailoverWorkflow.class, FailoverReport.class);
    public static final OperationKind<FailbackReport> FAILBACK =
            new OperationKind<>("failback", FailbackWorkflow.class, FailbackReport.class);
    public static final OperationKind<DrillResult> DRILL =
            new OperationKind<>("drill", DrillWorkflow.class, DrillResult.class);

    /** Provisioning a pair's AWS resources (or planning it). */
    public static final OperationKind<ProvisionResult> PROVISION =
            new OperationKind<>("provision", ProvisionWorkflow.class, ProvisionResult.class);
    /** Removing what provisioning made for a pair. */
    public static final OperationKind<TeardownResult> TEARDOWN =
            new OperationKind<>("teardown", TeardownWorkflow.class, TeardownResult.class);

    /** Every operation, in the order drctl lists them. */
    public static final List<OperationKind<?>> ALL = List.of(REPLICATE, VERIFY, FAILOVER, FAILBACK, DRILL, PROVISION,
            TEARDOWN);

    /** The operations that take the pair's lock: one at a time on a pair. */
    public static final List<OperationKind<?>> MUTATING = List.of(FAILOVER, FAILBACK, DRILL);

    /** The operation of a workflow id ({@code failover/local/incident-7} is a failover), or empty. */
    public static Optional<OperationKind<?>> ofWorkflowId(String workflowId) {
        String prefix = workflowId == null ? "" : workflowId.split("/", 2)[0];
        return ALL.stream().filter(k -> k.name().equals(prefix)).<OperationKind<?>>map(k -> k).findFirst();
    }

    /** The operation called {@code name}, or empty. */
    public static Optional<OperationKind<?>> named(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).<OperationKind<?>>map(k -> k).findFirst();
    }
}
