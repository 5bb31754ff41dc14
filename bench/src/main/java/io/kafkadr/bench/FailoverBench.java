package io.kafkadr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.operations.Json;
import io.kafkadr.operations.Home;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drctl bench failover}: the seed's runbook scripted as fast as a machine can do it
 * (safe and fast variants) against kafka-dr's planned {@code FailoverWorkflow}, each on a fresh
 * topic under the same traffic on the local stack; figures from the clients' own ledgers.
 */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = {"Planned failover on the local stack under the same traffic, one run per variant:",
                "  runbook-safe  the seed's runbook scripted (MM2 defaults: 60 s checkpoints and group sync, offset.lag.max 100);",
                "                each group starts on the secondary once MM2 synced an offset as new as where it stopped",
                "  runbook-fast  the same, each group started on the secondary at once on whatever MM2 had synced",
                "  kafka-dr      drctl replicate + FailoverWorkflow planned",
                "Measures RTO, write outage, per-group read pause, records lost and duplicated (sample apps' ledgers),",
                "orchestration overhead (RTO minus client stop/start and drain); prints a table, or JSON with --json,",
                "with the ratios kafka-dr / runbook. Needs the local stack up (drctl local up)."})
public class FailoverBench implements Callable<Integer> {

    static final String SAFE = "runbook-safe";
    static final String FAST = "runbook-fast";
    static final String KAFKA_DR = "kafka-dr";
    /** Most groups one consumer JVM each can hold on this machine. */
    static final int MAX_GROUPS_WITHOUT_FARM = 10;

    @Option(names = "--groups", defaultValue = "10", description = "consumer groups per run: 1, 10 (default: ${DEFAULT-VALUE})")
    int groups;
    @Option(names = "--rate", defaultValue = "100", description = "producer records per second (default: ${DEFAULT-VALUE})")
    int rate;
    @Option(names = "--partitions", defaultValue = "3", description = "partitions of each run's topic (default: ${DEFAULT-VALUE})")
    int partitions;
    @Option(names = "--variants", split = ",", defaultValue = SAFE + "," + FAST + "," + KAFKA_DR,
            description = "variants to run, in this order (default: ${DEFAULT-VALUE})")
    List<String> variants;
    @Option(names = "--group-concurrency", description = "kafka-dr: failover.groupConcurrency of the generated pair "
            + "(default: kafka-dr's own default)")
    Integer groupConcurrency;
    @Option(names = "--json", description = "JSON on stdout (progress and the table go to stderr)")
    boolean json;
    @Mixin
    TemporalOptions temporal;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        validate();
        // the benchmark's own Kafka clients: their start-up INFO would drown its progress
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        Path home = Home.path();
        JsonNode endpoints = endpoints(home);
        Map<String, String> bootstrap = Map.of("primary", endpoints.path("kafka-primary").asText(),
                "secondary", endpoints.path("kafka-secondary").asText());
        Map<String, String> connectUrls = Map.of("primary", endpoints.path("connect-primary-1").asText(),
                "secondary", endpoints.path("connect-secondary-1").asText());
        PrintStream progress = System.err;
        ClientCommands apps = new ClientCommands(home);
        List<VariantResult> results = new ArrayList<>();
        long suffix = System.currentTimeMillis() / 1000 % 1_000_000;
        try (BenchKafka kafka = new BenchKafka(bootstrap);
             Operations ops = variants.contains(KAFKA_DR) ? new Operations(temporal, progress) : null) {
            ConnectRest intoSecondary = new ConnectRest(connectUrls.get("secondary"));
            FailoverBenchRunner runner = new FailoverBenchRunner(kafka, apps, new BenchLedgers(home.resolve(".local/ledgers")),
                    List.of(intoSecondary, new ConnectRest(connectUrls.get("primary"))), progress);
            if (ops != null) {
                // restarted so the benchmark runs the code just built, as the drill does
                apps.run(List.of("env", "DRCTL_NO_BUILD=1", "./drctl", "local", "stop", "worker"));
                apps.run(List.of("env", "DRCTL_NO_BUILD=1", "./drctl", "local", "start", "worker"));
                ops.awaitWorker(Duration.ofSeconds(60));
            }
            for (String v : variants) {
                BenchSetup s = new BenchSetup(v, shortName(v) + suffix, groups, partitions, rate, "primary", "secondary");
                FailoverBenchRunner.Variant variant = switch (v) {
                    case SAFE, FAST -> new RunbookVariant(SAFE.equals(v), intoSecondary, bootstrap, kafka, apps, runner, progress);
                    default -> new KafkaDrVariant(ops, bootstrap, connectUrls, home.resolve(".local/bench"), groupConcurrency);
                };
                results.add(runner.run(s, variant));
            }
        }
        BenchReport report = BenchReport.of(groups, rate, partitions, results);
        // the table always; with --json on stderr, so stdout is the JSON alone
        print(report, json ? System.err : System.out);
        if (json) {
            System.out.println(Json.write(report));
        }
        return results.stream().allMatch(r -> r.error() == null) ? 0 : 1;
    }

    private void validate() {
        for (String v : variants) {
            if (!List.of(SAFE, FAST, KAFKA_DR).contains(v)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown variant '" + v + "' (known: "
                        + SAFE + ", " + FAST + ", " + KAFKA_DR + ")");
            }
        }
        if (groups < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--groups must be at least 1");
        }
        if (groups > MAX_GROUPS_WITHOUT_FARM) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--groups " + groups + ": one sample consumer JVM "
                    + "per group holds at most " + MAX_GROUPS_WITHOUT_FARM + " groups on this machine; more needs a "
                    + "many-groups-in-one-JVM app (GroupFarm), not available in this build");
        }
    }

    private static String shortName(String variant) {
        return switch (variant) {
            case SAFE -> "safe";
            case FAST -> "fast";
            default -> "kdr";
        };
    }

    private static JsonNode endpoints(Path home) {
        Path stackJson = home.resolve(".local/stack.json");
        try {
            JsonNode e = Files.exists(stackJson) ? new ObjectMapper().readTree(stackJson.toFile()).path("endpoints") : null;
            if (e == null || e.path("kafka-primary").isMissingNode()) {
                throw new IllegalStateException("no local stack (" + stackJson + " missing): bring it up with 'drctl local up'");
            }
            return e;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + stackJson + ": " + e.getMessage(), e);
        }
    }

    /** Rows: metrics; columns: variants, then the ratios kafka-dr / runbook. */
    static void print(BenchReport r, PrintStream out) {
        out.printf("%nFailover benchmark: %d group(s), %d records/s, %d partitions per topic%n", r.groups(), r.rate(),
                r.partitions());
        List<String> names = r.runs().stream().map(VariantResult::variant).toList();
        out.printf("%-26s", "metric");
        names.forEach(n -> out.printf("%14s", n));
        r.ratios().keySet().forEach(k -> out.printf("%16s", k));
        out.println();
        row(out, r, "RTO s", v -> v.rtoMillis() / 1000.0, "rto", true);
        row(out, r, "write outage s", v -> v.writeOutageMillis() / 1000.0, "writeOutage", true);
        row(out, r, "read pause max s", v -> v.readPauseMaxMillis() / 1000.0, "readPauseMax", true);
        row(out, r, "read pause median s", v -> v.readPauseMedianMillis() / 1000.0, "readPauseMedian", true);
        row(out, r, "records acknowledged", VariantResult::acked, null, false);
        row(out, r, "records lost", VariantResult::lost, "lost", false);
        row(out, r, "records duplicated", VariantResult::duplicates, "duplicates", false);
        row(out, r, "client stop/start s", v -> v.clientMillis() / 1000.0, null, true);
        row(out, r, "drain s", v -> v.drainMillis() / 1000.0, null, true);
        row(out, r, "orchestration overhead s", v -> v.overheadMillis() / 1000.0, "overhead", true);
        row(out, r, "waves", VariantResult::waves, null, false);
        row(out, r, "overhead per wave s", v -> v.overheadPerWaveMillis() / 1000.0, "overheadPerWave", true);
        for (VariantResult v : r.runs()) {
            if (v.error() != null) {
                out.printf("%s FAILED: %s%n", v.variant(), v.error());
            }
            v.notes().forEach(n -> out.printf("%s: %s%n", v.variant(), n));
        }
        if (!r.targets().isEmpty()) {
            out.println("targets (planned failover, kafka-dr):");
            r.targets().forEach(t -> out.printf("  %-4s %s%n", t.met() == null ? "n/a" : t.met() ? "MET" : "MISS", t.text()));
        }
    }

    private static void row(PrintStream out, BenchReport r, String label, ToDoubleFunction<VariantResult> value,
                            String ratioKey, boolean decimals) {
        out.printf("%-26s", label);
        for (VariantResult v : r.runs()) {
            double x = value.applyAsDouble(v);
            out.printf("%14s", v.error() != null || x < 0 ? "-" : decimals ? String.format("%.2f", x) : String.format("%.0f", x));
        }
        for (Map<String, Double> ratios : r.ratios().values()) {
            Double q = ratioKey == null ? null : ratios.get(ratioKey);
            out.printf("%16s", q == null ? "" : String.format("%.3f", q));
        }
        out.println();
    }

    /** The whole benchmark, as {@code --json} prints it. */
    record BenchReport(int groups, int rate, int partitions, List<VariantResult> runs,
                       Map<String, Map<String, Double>> ratios, List<Target> targets) {

        static BenchReport of(int groups, int rate, int partitions, List<VariantResult> runs) {
            VariantResult kdr = find(runs, KAFKA_DR);
            Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
            for (String base : List.of(SAFE, FAST)) {
                VariantResult b = find(runs, base);
                if (kdr != null && b != null) {
                    ratios.put("kafka-dr/" + base.substring("runbook-".length()), ratios(kdr, b));
                }
            }
            List<Target> targets = new ArrayList<>();
            if (kdr != null) {
                VariantResult safe = find(runs, SAFE);
                VariantResult fast = find(runs, FAST);
                Double rtoRatio = safe == null ? null : FailoverFigures.ratio(kdr.rtoMillis(), safe.rtoMillis());
                targets.add(new Target("RTO <= 0.1 x runbook-safe's" + (rtoRatio == null ? "" : String.format(" (%.3f)", rtoRatio)),
                        rtoRatio == null ? null : rtoRatio <= 0.1));
                targets.add(new Target("duplicates <= runbook-fast's (" + kdr.duplicates() + " vs "
                        + (fast == null ? "not run" : fast.duplicates()) + ")",
                        fast == null ? null : kdr.duplicates() <= fast.duplicates()));
                targets.add(new Target("0 records lost (" + kdr.lost() + ")", kdr.lost() == 0));
                targets.add(new Target(String.format("orchestration overhead < 1 s per wave (%.2f s over %d waves)",
                        kdr.overheadPerWaveMillis() / 1000.0, kdr.waves()), kdr.overheadMillis() >= 0
                        && kdr.overheadPerWaveMillis() < 1000));
            }
            return new BenchReport(groups, rate, partitions, runs, ratios, targets);
        }

        private static Map<String, Double> ratios(VariantResult k, VariantResult b) {
            Map<String, Double> m = new LinkedHashMap<>();
            if (k.error() != null || b.error() != null) {
                return m;
            }
            m.put("rto", FailoverFigures.ratio(k.rtoMillis(), b.rtoMillis()));
            m.put("writeOutage", FailoverFigures.ratio(k.writeOutageMillis(), b.writeOutageMillis()));
            m.put("readPauseMax", FailoverFigures.ratio(k.readPauseMaxMillis(), b.readPauseMaxMillis()));
            m.put("readPauseMedian", FailoverFigures.ratio(k.readPauseMedianMillis(), b.readPauseMedianMillis()));
            m.put("lost", FailoverFigures.ratio(k.lost(), b.lost()));
            m.put("duplicates", FailoverFigures.ratio(k.duplicates(), b.duplicates()));
            m.put("overhead", FailoverFigures.ratio(k.overheadMillis(), b.overheadMillis()));
            m.put("overheadPerWave", FailoverFigures.ratio(k.overheadPerWaveMillis(), b.overheadPerWaveMillis()));
            return m;
        }

        private static VariantResult find(List<VariantResult> runs, String variant) {
            return runs.stream().filter(r -> r.variant().equals(variant)).findFirst().orElse(null);
        }
    }

    /** A target of the issue and whether this run met it (null: not measurable, a variant did not run). */
    record Target(String text, Boolean met) {
    }
}
