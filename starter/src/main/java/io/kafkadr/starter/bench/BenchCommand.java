package io.kafkadr.starter.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code drctl bench failover|scale|replication}: benchmarks on the local stack. Commands, not
 * tests: each compares its runs within one invocation on this machine, so the ratios hold
 * though absolute times are noisy. Tables on stdout, {@code --json} for machines.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks on the local stack: failover (kafka-dr vs the manual runbook), scale (many groups), "
                + "replication (MM2 throughput and latency vs raw produce).",
        subcommands = {FailoverBench.class, ScaleBench.class, ReplicationBench.class, ApiBench.class})
public class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark: failover | scale | replication | api");
    }
}
