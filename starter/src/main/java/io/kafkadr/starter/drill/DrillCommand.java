package io.kafkadr.starter.drill;

import io.kafkadr.operations.OperationIds;
import io.kafkadr.operations.Json;
import io.kafkadr.operations.Home;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.drill.DrillRequest;
import io.kafkadr.workflows.drill.DrillResult;
import io.kafkadr.workflows.drill.DrillWorkflow;
import io.kafkadr.workflows.pair.DrillSettings;
import io.kafkadr.workflows.pair.DrillTraffic;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairValidator;
import io.kafkadr.workflows.pair.PairConfigParser;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "drill", mixinStandardHelpOptions = true, subcommands = DrillHistoryCommand.class,
        description = "Run a DR drill: start DrillWorkflow (verify replication, fail over (planned), check the pair on "
                + "the secondary, fail back, verify again; a failing phase stands down) and follow it. With --local: "
                + "bring the local stack up if needed, start a worker and sample traffic first, and count loss and "
                + "duplicates from the sample apps' ledgers; exit 0 only when every check and objective passed.")
public class DrillCommand implements Callable<Integer> {

    static class Target {
        @Option(names = "--local", required = true, description = "drill on the local two-region stack (pairs/local.yaml)")
        boolean local;
        @Option(names = "--pair", required = true, paramLabel = "FILE", description = "drill on this pair (its own clients' traffic)")
        Path file;
    }

    /** Optional for picocli so that {@code drctl drill history} parses; {@link #call} requires one. */
    @Spec
    CommandSpec spec;
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;
    @Option(names = "--id", paramLabel = "ID", description = "the drill's id: workflow drill/<pair>/<ID> (default: the time in ms)")
    String id;
    @Option(names = "--replicate", paramLabel = "auto|always|never",
            description = "set up replication first: auto (when the pair entity records none), always, never "
                    + "(default: always with --local, as the local drill always did; auto with --pair)")
    String replicate;
    @Option(names = "--traffic", paramLabel = "clients|canary|both", description = "which traffic the drill accounts "
            + "for, instead of the pair's drill.traffic: the pair's clients, kafka-dr's built-in canary, or both; canary alone "
            + "needs a pair that lists no clients (with --local: the local pair without its sample apps)")
    String traffic;

    @Option(names = "--reason", description = "why, for the audit trail (default: drctl drill)")
    String reason = "drctl drill";
    @Option(names = "--require-approval", description = "the failover and the failback wait for 'drctl approve'")
    boolean requireApproval;
    @Option(names = "--secure", description = "with --local: a new local stack is made secure (SASL_SSL, SCRAM, ACLs: "
            + "'drctl local up --secure'), and the local pair reaches it so")
    boolean secure;
    @Option(names = "--json", description = "print the drill report as JSON on stdout (progress goes to stderr)")
    boolean json;
    @Mixin
    TemporalOptions temporal;

    @Override
    public Integer call() {
        if (target == null) {
            throw new ParameterException(spec.commandLine(), "give --local (the local stack) or --pair FILE (any pair), "
                    + "or a command: drctl drill history --pair FILE");
        }
        PairConfig pair = PairConfigParser.parseFile(target.local
                ? Home.path().resolve(Path.of("pairs", "local.yaml")) : target.file);
        if (traffic != null) {
            DrillTraffic chosen;
            try {
                chosen = DrillTraffic.of(traffic);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--traffic: " + e.getMessage());
            }
            PairConfig chosenPair = pair.withDrill(new DrillSettings(chosen, pair.drill().canaryTopic(),
                    pair.drill().canaryRecords()));
            // the local pair without its sample apps: a canary-only drill moves only the canary
            pair = PairValidator.validate(target.local && !chosen.usesClients() ? chosenPair.withoutClients() : chosenPair,
                    "--traffic " + traffic);
        }
        String drillId = DrillWorkflow.workflowId(pair.name(), id != null ? id : Long.toString(System.currentTimeMillis()));
        DrillRequest request = new DrillRequest(pair, null, reason,
                replicate != null ? replicate : target.local ? DrillRequest.REPLICATE_ALWAYS : DrillRequest.REPLICATE_AUTO,
                requireApproval ? Boolean.TRUE : null);
        if (secure && !target.local) {
            throw new ParameterException(spec.commandLine(), "--secure goes with --local; a pair file has its own security");
        }
        DrillReport report = target.local ? new LocalDrill(pair, temporal, System.err, secure).run(drillId, request)
                : onPair(pair, drillId, request);
        if (target.local) {
            new KeptReports(DrillHistoryCommand.keptDir()).keep(report);
        }
        if (json) {
            System.out.println(Json.write(report));
        } else {
            summary(report, System.out);
        }
        return report.passed() ? 0 : 1;
    }

    /** Any pair: no stack to manage, no ledgers to audit; the workflow's own checks and objectives judge it. */
    private DrillReport onPair(PairConfig pair, String drillId, DrillRequest request) {
        try (Operations ops = new Operations(temporal, System.err)) {
            ops.awaitWorker(Duration.ofSeconds(15));
            Drill drill = new Drill(ops, System.err);
            String ui = OperationIds.uiLink(temporal.uiUrl(), temporal.namespace(), drillId);
            DrillResult result = drill.run(drillId, request, ui, step -> { });
            return DrillReports.report(result, new DrillReports.Context(null, 0, 0, ui, pair.objectives(), null, null),
                    drill::details);
        }
    }

    static void summary(DrillReport r, PrintStream out) {
        out.printf("%nDR drill on pair '%s': %s (%s) in %.1f s (Temporal: %s; stack up in %.1f s, %d MiB resident)%n",
                r.pair(), r.passed() ? "PASSED" : "FAILED", r.outcome(), r.durationMillis() / 1000.0, r.temporalServer(),
                r.stackUpMillis() / 1000.0, r.stackRssMiB());
        out.println("  workflow " + r.drillWorkflowId() + (r.temporalUi() == null ? "" : "  " + r.temporalUi()));
        for (PhaseReport p : r.phases()) {
            long failed = p.checks().stream().filter(c -> !c.passed()).count();
            out.printf("  %-10s %-6s %6.1f s  %d checks, %d failed  (workflow %s)%n", p.name(), p.passed() ? "ok" : "FAIL",
                    p.durationMillis() / 1000.0, p.checks().size(), failed, p.workflowId());
            if (p.rtoMillis() != null) {
                out.printf("      RTO %.1f s%n", p.rtoMillis() / 1000.0);
            }
            if (p.recordsLost() != null) {
                out.printf("      records lost %d, duplicates %d (sample apps' ledgers)%s%n", p.recordsLost(), p.duplicates(),
                        p.recordsSalvaged() == null ? "" : ", records salvaged " + p.recordsSalvaged());
            }
            if (p.error() != null) {
                out.println("      error: " + p.error());
            }
            p.checks().stream().filter(c -> !c.passed()).forEach(c -> printFailed(c, out));
        }
        if (r.canary() != null) {
            out.printf("  canary %s (group %s): produced %s%n", r.canary().topic(), r.canary().group(), r.canary().produced());
            r.canary().halves().forEach(h -> out.printf("      %-8s bursts %s: produced %d, read %d, lost %d, duplicated %d%n",
                    h.name(), h.bursts(), h.produced(), h.read(), h.lost(), h.duplicated()));
        }
        r.objectives().forEach(c -> out.printf("  %-22s %s  %s%n", c.name(), c.passed() ? "met" : "MISSED", c.detail()));
        out.println("  left: " + r.leftWhere());
    }

    private static void printFailed(PhaseCheck c, PrintStream out) {
        out.printf("      FAIL %s: %d (threshold %d) %s%n", c.name(), c.value(), c.threshold(), c.detail());
    }
}
