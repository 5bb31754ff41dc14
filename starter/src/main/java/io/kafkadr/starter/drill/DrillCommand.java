package io.kafkadr.starter.drill;

import io.kafkadr.starter.Json;
import io.kafkadr.starter.temporal.Home;
import io.kafkadr.starter.temporal.TemporalOptions;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = "Run a DR drill. With --local: bring the local stack up if needed, start a worker and sample "
                + "traffic, set up replication, verify it, fail over (planned), fail back, verify again, all under traffic, "
                + "and count loss and duplicates; exit 0 only when every check passed.")
public class DrillCommand implements Callable<Integer> {

    @Option(names = "--local", required = true, description = "drill on the local two-region stack (pairs/local.yaml)")
    boolean local;
    @Option(names = "--json", description = "print the drill report as JSON on stdout (progress goes to stderr)")
    boolean json;
    @Mixin
    TemporalOptions temporal;

    @Override
    public Integer call() {
        PairConfig pair = PairConfigParser.parseFile(Home.path().resolve(Path.of("pairs", "local.yaml")));
        DrillReport report = new LocalDrill(pair, temporal, System.err).run();
        if (json) {
            System.out.println(Json.write(report));
        } else {
            summary(report, System.out);
        }
        return report.passed() ? 0 : 1;
    }

    static void summary(DrillReport r, PrintStream out) {
        out.printf("%nDR drill on pair '%s': %s in %.1f s (Temporal: %s; stack up in %.1f s, %d MiB resident)%n",
                r.pair(), r.passed() ? "PASSED" : "FAILED", r.durationMillis() / 1000.0, r.temporalServer(),
                r.stackUpMillis() / 1000.0, r.stackRssMiB());
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
            p.checks().stream().filter(c -> !c.passed()).forEach(c -> out.printf("      FAIL %s: %d (threshold %d) %s%n",
                    c.name(), c.value(), c.threshold(), c.detail()));
        }
    }
}
