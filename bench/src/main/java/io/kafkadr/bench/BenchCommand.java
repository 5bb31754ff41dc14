package io.kafkadr.bench;

import io.kafkadr.operations.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code drctl bench failover|scale|replication|api}: benchmarks on the local stack. Commands, not
 * tests: each compares its runs within one invocation on this machine, so the ratios hold
 * though absolute times are noisy. Tables on stdout, {@code --json} for machines. A module of its
 * own, launched by the drctl script ({@code drctl bench ...}), so that {@code drctl} itself needs
 * neither the activities nor a Kafka client.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks on the local stack: failover (kafka-dr vs the manual runbook and the bare floor), scale (many groups), "
                + "replication (MM2 throughput and latency vs raw produce).",
        subcommands = {FailoverBench.class, ScaleBench.class, ReplicationBench.class, ApiBench.class})
public class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark: failover | scale | replication | api");
    }

    public static int execute(String... args) {
        return ExitCodes.applied(new CommandLine(new BenchCommand()).setCommandName("drctl bench")).execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
