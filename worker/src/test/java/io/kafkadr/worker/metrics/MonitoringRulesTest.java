package io.kafkadr.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/monitoring/ checked by Prometheus's own promtool (deploy/local/setup.sh unpacks it into
 * .local/tools/promtool/bin): the scrape config, the rules, and the rules' unit tests, among them a
 * lag series that crosses the pair's RPO objective (the alert fires) and one that does not.
 */
class MonitoringRulesTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path MONITORING = ROOT.resolve("deploy/monitoring");

    record Run(int exit, String output) {
    }

    @Test
    void theScrapeConfigAndTheRulesAreValid() throws Exception {
        Run config = promtool("check", "config", "prometheus.yml");
        assertEquals(0, config.exit(), config.output());
        Run rules = promtool("check", "rules", "kafka-dr-rules.yml");
        assertEquals(0, rules.exit(), rules.output());
        assertTrue(rules.output().contains("SUCCESS: 5 rules found"), rules.output());
    }

    @Test
    void theRulesUnitTestsPass() throws Exception {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        try (Stream<Path> tests = Files.list(MONITORING.resolve("tests"))) {
            tests.map(t -> MONITORING.relativize(t).toString()).sorted().forEach(args::add);
        }
        assertTrue(args.contains("tests/lag-above-rpo.yml") && args.contains("tests/lag-within-rpo.yml"), args.toString());
        Run run = promtool(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.output());
        assertEquals(3, run.output().split("SUCCESS", -1).length - 1, run.output());
    }

    /** The lag test fails when its alert would not fire: promtool really evaluates the expectation. */
    @Test
    void anExpectedAlertThatDoesNotFireFailsTheTest() throws Exception {
        String crossing = Files.readString(MONITORING.resolve("tests/lag-above-rpo.yml"));
        // the objective raised above every lag value: the expected alert no longer fires
        Path raised = MONITORING.resolve(".raised-objective-test.yml");
        Files.writeString(raised, crossing.replace("values: '30x12'", "values: '500x12'")
                .replace("- ../kafka-dr-rules.yml", "- kafka-dr-rules.yml"));
        try {
            Run run = promtool("test", "rules", raised.getFileName().toString());
            assertNotEquals(0, run.exit(), run.output());
            assertTrue(run.output().contains("KafkaDrReplicationLagAboveRpo"), run.output());
        } finally {
            Files.delete(raised);
        }
    }

    /** promtool from PATH, else where deploy/local/setup.sh unpacks it. */
    static Path promtoolBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Path local = ROOT.resolve(".local/tools/promtool/bin/promtool");
        if (!Files.isExecutable(local)) {
            throw new AssertionError("promtool not found on PATH nor at " + local + ": run deploy/local/setup.sh "
                    + "(it unpacks promtool from Debian's prometheus package)");
        }
        return local;
    }

    static Run promtool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(promtoolBinary().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(MONITORING.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "promtool " + String.join(" ", args) + " did not end");
        return new Run(p.exitValue(), "promtool " + String.join(" ", args) + ":\n" + out);
    }
}
