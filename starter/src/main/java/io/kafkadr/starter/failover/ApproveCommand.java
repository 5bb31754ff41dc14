package io.kafkadr.starter.failover;

import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.operation.Approval;
import io.kafkadr.workflows.operation.ClientDecision;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve an operation waiting at its approval gate, or answer a client that failed its health "
                + "check (--client with --action retry|skip|rollback|abort), or a drain that gave up (--client producers). "
                + "What the operation would not take (an action it does not offer, a client that waits for nothing) is "
                + "refused with its reason, exit code 2.")
public class ApproveCommand implements Callable<Integer> {

    @Mixin
    TemporalOptions temporal;
    @Parameters(paramLabel = "OPERATION", description = "workflow id of the operation, e.g. failover/local/1795601700101, or of a drill "
            + "(drill/local/...), which forwards it to its failover or failback in flight")
    String operation;
    @Option(names = "--by", required = true, description = "who approves (audit trail)")
    String by;
    @Option(names = "--reason", defaultValue = "", description = "why")
    String reason;
    @Option(names = "--client", description = "the client to decide on, e.g. 'consumer orders-app', or 'producers' after a drain gave up")
    String client;
    @Option(names = "--action", description = "retry, skip, rollback (failover) or abort (failback); for 'producers': retry or abort")
    String action;

    @Override
    public Integer call() {
        try (Operations ops = new Operations(temporal, System.err)) {
            // Updates, not signals: what the operation would not take is refused here, with its reason (exit 2)
            System.err.println(client != null || action != null
                    ? ops.decide(operation, new ClientDecision(client, action, by))
                    : ops.approve(operation, new Approval(by, reason)));
            return 0;
        }
    }
}
