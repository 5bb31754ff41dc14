package io.kafkadr.operations;

import io.kafkadr.workflows.pair.PairConfigException;
import io.temporal.payload.codec.PayloadCodecException;
import picocli.CommandLine;

/**
 * drctl's exit codes for every command line it launches ({@code drctl}, {@code drctl bench}):
 * 0 ok, 1 a check or operation failed, 2 usage or config error. A failure prints {@code error:}
 * and its message, never a stack trace.
 */
public final class ExitCodes {

    private ExitCodes() {
    }

    /** {@code cli} with drctl's handling of what a command throws. */
    public static CommandLine applied(CommandLine cli) {
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof PayloadCodecException codec) { // encrypted payloads, and drctl without (the right) keys
                    System.err.println("error: " + codec.getMessage());
                    return 2;
                }
            }
            System.err.println("error: " + e.getMessage());
            if (e instanceof PairConfigException) {
                return 2;
            }
            if (e instanceof OperationFailedException op) {
                return op.badInput() ? 2 : 1;
            }
            return 1;
        });
        return cli;
    }
}
