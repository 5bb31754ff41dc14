package io.kafkadr.starter;

import io.kafkadr.api.ApiCommand;
import io.kafkadr.starter.codec.CodecServerCommand;
import io.kafkadr.starter.drill.DrillCommand;
import io.kafkadr.starter.schedule.ScheduleCommand;
import io.kafkadr.starter.list.ListCommand;
import io.kafkadr.starter.pair.PairCommand;
import io.kafkadr.starter.failback.FailbackCommand;
import io.kafkadr.starter.failover.ApproveCommand;
import io.kafkadr.starter.failover.FailoverCommand;
import io.kafkadr.starter.failover.ReportCommand;
import io.kafkadr.starter.status.StatusCommand;
import io.kafkadr.starter.provision.ProvisionCommand;
import io.kafkadr.starter.provision.TeardownCommand;
import io.kafkadr.starter.replicate.ReplicateCommand;
import io.kafkadr.operations.ExitCodes;
import io.kafkadr.starter.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code drctl}: kafka-dr's command line. Exit codes: 0 ok, 1 a check or operation failed,
 * 2 usage or config error.
 */
@Command(name = "drctl", mixinStandardHelpOptions = true, version = "kafka-dr 0.1.0",
        description = "Disaster recovery for Apache Kafka pairs, on Temporal.",
        subcommands = {Drctl.Local.class, Drctl.Worker.class, ReplicateCommand.class, VerifyCommand.class,
                FailoverCommand.class, FailbackCommand.class, ApproveCommand.class, StatusCommand.class, ReportCommand.class,
                DrillCommand.class, Drctl.Bench.class, ListCommand.class, ScheduleCommand.class, CodecServerCommand.class,
                PairCommand.class, ApiCommand.class, ProvisionCommand.class, TeardownCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 check or operation failed, 2 usage or config error."})
public class Drctl implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }

    /** Listed for --help; the drctl launcher runs it (module deploy/local). */
    @Command(name = "local", description = "The local two-region stack: up | status | down | kill SIDE | start APP | stop APP "
            + "(see 'drctl local --help').")
    static class Local {
    }

    /** Listed for --help; the drctl launcher runs it (module bench, so that drctl needs no Kafka client). */
    @Command(name = "bench", description = "Benchmarks on the local stack: failover | scale | replication | api "
            + "(see 'drctl bench --help').")
    static class Bench {
    }

    /** Listed for --help; the drctl launcher runs it (module worker). */
    @Command(name = "worker", description = "Run the kafka-dr Temporal worker in the foreground (see 'drctl worker --help').")
    static class Worker {
    }

    public static int execute(String... args) {
        return ExitCodes.applied(new CommandLine(new Drctl())).execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
