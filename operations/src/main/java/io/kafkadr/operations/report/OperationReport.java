package io.kafkadr.operations.report;

import io.kafkadr.operations.OperationFailedException;
import io.kafkadr.operations.Operations;
import io.kafkadr.workflows.drill.DrillPhase;
import io.kafkadr.workflows.drill.DrillResult;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failover.FailoverReport;

/**
 * The report of a finished failover, failback or drill: its workflow's stored result, and the
 * view the Markdown and HTML renderers read (who started it, and for a drill its failover's report).
 *
 * @param result the workflow's result (what {@code --format json} prints)
 */
public record OperationReport(Object result, ReportView view) {

    /** The report of {@code workflowId}; a clear error when it is still running, unknown or no such operation. */
    public static OperationReport of(Operations ops, String workflowId) {
        String startedBy = ops.startedBy(workflowId).orElse(null);
        String type = ops.workflowType(workflowId);
        return switch (type) {
            case "FailbackWorkflow" -> {
                FailbackReport r = ops.result(workflowId, FailbackReport.class);
                yield new OperationReport(r, ReportView.of(r, startedBy));
            }
            case "FailoverWorkflow" -> {
                FailoverReport r = ops.result(workflowId, FailoverReport.class);
                yield new OperationReport(r, ReportView.of(r, startedBy));
            }
            case "DrillWorkflow" -> {
                DrillResult r = ops.result(workflowId, DrillResult.class);
                FailoverReport failover = r.phases().stream().filter(p -> DrillPhase.FAILOVER.equals(p.name()))
                        .findFirst().map(p -> ops.result(p.workflowId(), FailoverReport.class)).orElse(null);
                yield new OperationReport(r, ReportView.of(r, startedBy, failover));
            }
            default -> throw new OperationFailedException("'" + workflowId + "' is a " + type + ": drctl report "
                    + "reads failovers, failbacks and drills (drctl list shows them)", "BadInput");
        };
    }

    public String render(ReportFormat format, Formats formats) {
        return format.render(result, view, formats);
    }
}
