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
                "  bare          the floor: kafka-dr's MM2 set-up; all clients stopped at once,",
                "                replication drained, each group's offsets written to the secondary",
                "                in one call, all clients started at once",
                "Variants run interleaved (bare, kafka-dr, runbook-safe, bare, ...), --repeat",
                "times; the table shows medians with min and max.",
                "Measures RTO, write outage, per-group read pause, records lost and duplicated (sample apps' ledgers),",
                "orchestration overhead (RTO minus client stop/start and drain); prints a table, or JSON with --json,",
                "with the ratios kafka-dr / bare and kafka-dr / runbook. Needs the local stack up (drctl local up)."})
public class FailoverBench implements Callable<Integer> {

    static final String SAFE = "runbook-safe";
    static final String FAST = "runbook-fast";
    static final String KAFKA_DR = "kafka-dr";
    static final String BARE = "bare";
    static final List<String> KNOWN = List.of(BARE, KAFKA_DR, SAFE, FAST);
    /** Most groups one consumer JVM each can hold on this machine. */
    static final int MAX_GROUPS_WITHOUT_FARM = 10;

    @Option(names = "--groups", defaultValue = "10", description = "consumer groups per run: 1, 10 (default: ${DEFAULT-VALUE})")
    int groups;
    @Option(names = "--rate", defaultValue = "100", description = "producer records per second (default: ${DEFAULT-VALUE})")
    int rate;
    @Option(names = "--partitions", defaultValue = "3", description = "partitions of each run's topic (default: ${DEFAULT-VALUE})")
    int partitions;
    @Option(names = "--variants", split = ",", defaultValue = BARE + "," + KAFKA_DR + "," + SAFE + "," + FAST,
            description = "variants to run, in this order, interleaved across repeats (default: ${DEFAULT-VALUE})")
    List<String> variants;
    @Option(names = "--repeat", defaultValue = "1", description = "runs of each variant; medians with min and max "
            + "(default: ${DEFAULT-VALUE})")
    int repeat;
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
             Operations ops = variants.contains(KAFKA_DR) || variants.contains(BARE) ? new Operations(temporal, progress) : null) {
            ConnectRest intoSecondary = new ConnectRest(connectUrls.get("secondary"));
            FailoverBenchRunner runner = new FailoverBenchRunner(kafka, apps, new BenchLedgers(home.resolve(".local/ledgers")),
                    List.of(intoSecondary, new ConnectRest(connectUrls.get("primary"))), progress);
            if (ops != null) {
                // restarted so the benchmark runs the code just built, as the drill does
                apps.run(List.of("env", "DRCTL_NO_BUILD=1", "./drctl", "local", "stop", "worker"));
                apps.run(List.of("env", "DRCTL_NO_BUILD=1", "./drctl", "local", "start", "worker"));
                ops.awaitWorker(Duration.ofSeconds(60));
            }
            Path benchDir = home.resolve(".local/bench");
            for (int round = 1; round <= repeat; round++) {
                for (String v : variants) {
                    BenchSetup s = new BenchSetup(v, shortName(v) + suffix + "r" + round, groups, partitions, rate,
                            "primary", "secondary");
                    FailoverBenchRunner.Variant variant = switch (v) {
                        case SAFE, FAST -> new RunbookVariant(SAFE.equals(v), intoSecondary, bootstrap, kafka, apps, runner,
                                progress);
                        case BARE -> new BareVariant(new KafkaDrVariant(ops, bootstrap, connectUrls, benchDir, null), kafka,
                                apps);
                        default -> new KafkaDrVariant(ops, bootstrap, connectUrls, benchDir, groupConcurrency);
                    };
                    results.add(runner.run(s, variant).inRound(round));
                }
            }
        }
        BenchReport report = BenchReport.of(groups, rate, partitions, repeat, variants, results);
        // the table always; with --json on stderr, so stdout is the JSON alone
        print(report, json ? System.err : System.out);
        if (json) {
            System.out.println(Json.write(report));
        }
        return results.stream().allMatch(r -> r.error() == null) ? 0 : 1;
    }

    private void validate() {
        for (String v : variants) {
            if (!KNOWN.contains(v)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown variant '" + v + "' (known: "
                        + String.join(", ", KNOWN) + ")");
            }
        }
        if (variants.stream().distinct().count() < variants.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--variants names a variant twice: "
                    + "use --repeat N to run each N times");
        }
        if (repeat < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1");
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
            case BARE -> "bare";
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

    /** What the table shows per run, in the units of {@link VariantResult}'s fields (medians keep those names). */
    enum Metric {
        RTO("RTO s", "rtoMillis", VariantResult::rtoMillis, 1000, "rto"),
        WRITE_OUTAGE("write outage s", "writeOutageMillis", VariantResult::writeOutageMillis, 1000, "writeOutage"),
        READ_PAUSE_MAX("read pause max s", "readPauseMaxMillis", VariantResult::readPauseMaxMillis, 1000, "readPauseMax"),
        READ_PAUSE_MEDIAN("read pause median s", "readPauseMedianMillis", VariantResult::readPauseMedianMillis, 1000,
                "readPauseMedian"),
        ACKED("records acknowledged", "acked", VariantResult::acked, 0, null),
        LOST("records lost", "lost", VariantResult::lost, 0, "lost"),
        DUPLICATES("records duplicated", "duplicates", VariantResult::duplicates, 0, "duplicates"),
        CLIENT("client stop/start s", "clientMillis", VariantResult::clientMillis, 1000, null),
        DRAIN("drain s", "drainMillis", VariantResult::drainMillis, 1000, null),
        OVERHEAD("orchestration overhead s", "overheadMillis", VariantResult::overheadMillis, 1000, "overhead"),
        WAVES("waves", "waves", VariantResult::waves, 0, null),
        OVERHEAD_PER_WAVE("overhead per wave s", "overheadPerWaveMillis", VariantResult::overheadPerWaveMillis, 1000,
                "overheadPerWave");

        final String label;
        final String field;
        final ToDoubleFunction<VariantResult> value;
        /** 1000: milliseconds shown as seconds with decimals; 0: a count. */
        final int scale;
        /** Key in the ratios (as before medians), or null: no ratio for it. */
        final String ratioKey;

        Metric(String label, String field, ToDoubleFunction<VariantResult> value, int scale, String ratioKey) {
            this.label = label;
            this.field = field;
            this.value = value;
            this.scale = scale;
            this.ratioKey = ratioKey;
        }

        String show(double x) {
            return scale == 0 ? String.format("%.0f", x) : String.format("%.2f", x / scale);
        }
    }

    /** Rows: metrics; columns: variants (median, [min-max] with --repeat), then the ratios of kafka-dr's medians. */
    static void print(BenchReport r, PrintStream out) {
        out.printf("%nFailover benchmark: %d group(s), %d records/s, %d partitions per topic, %d run(s) per variant%s%n",
                r.groups(), r.rate(), r.partitions(), r.repeat(), r.repeat() > 1 ? " (median [min-max])" : "");
        int width = r.repeat() > 1 ? 26 : 14;
        out.printf("%-26s", "metric");
        r.variants().forEach(n -> out.printf("%" + width + "s", n));
        r.ratios().keySet().forEach(k -> out.printf("%16s", k));
        out.println();
        for (Metric m : Metric.values()) {
            out.printf("%-26s", m.label);
            for (String v : r.variants()) {
                Spread sp = r.medians().getOrDefault(v, Map.of()).get(m.field);
                String cell = sp == null ? "-" : m.show(sp.median());
                if (sp != null && r.repeat() > 1) {
                    cell += " [" + m.show(sp.min()) + "-" + m.show(sp.max()) + "]";
                }
                out.printf("%" + width + "s", cell);
            }
            for (Map<String, Double> ratios : r.ratios().values()) {
                Double q = m.ratioKey == null ? null : ratios.get(m.ratioKey);
                out.printf("%16s", q == null ? "" : String.format("%.3f", q));
            }
            out.println();
        }
        if (r.repeat() > 1) {
            out.println("runs (in the order run): variant, RTO s, lost, duplicated");
            for (VariantResult v : r.runs()) {
                out.printf("  %-14s #%d %10s %8s %10s%n", v.variant(), v.round(), v.error() != null ? "FAILED"
                        : Metric.RTO.show(v.rtoMillis()), v.error() != null ? "-" : v.lost(), v.error() != null ? "-" : v.duplicates());
            }
        }
        for (VariantResult v : r.runs()) {
            String run = r.repeat() > 1 ? v.variant() + " #" + v.round() : v.variant();
            if (v.error() != null) {
                out.printf("%s FAILED: %s%n", run, v.error());
            }
            v.notes().forEach(n -> out.printf("%s: %s%n", run, n));
        }
        if (!r.targets().isEmpty()) {
            out.println("targets (planned failover, kafka-dr" + (r.repeat() > 1 ? ", medians" : "") + "):");
            r.targets().forEach(t -> out.printf("  %-4s %s%n", t.met() == null ? "n/a" : t.met() ? "MET" : "MISS", t.text()));
        }
    }

    /** The median of a variant's successful runs, with their min and max. */
    record Spread(double median, double min, double max, int runs) {

        static Spread of(List<Double> values) {
            if (values.isEmpty()) {
                return null;
            }
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
        }
    }

    /**
     * The whole benchmark, as {@code --json} prints it: one object per run ({@code runs}, in the
     * order run), per variant the medians of its successful runs by field, the ratios of kafka-dr's
     * medians to the other variants' and the issue's targets.
     */
    record BenchReport(int groups, int rate, int partitions, List<VariantResult> runs,
                       Map<String, Map<String, Double>> ratios, List<Target> targets, int repeat, List<String> variants,
                       Map<String, Map<String, Spread>> medians) {

        static BenchReport of(int groups, int rate, int partitions, int repeat, List<String> variants,
                              List<VariantResult> runs) {
            Map<String, Map<String, Spread>> medians = new LinkedHashMap<>();
            for (String v : variants) {
                Map<String, Spread> byField = new LinkedHashMap<>();
                for (Metric m : Metric.values()) {
                    Spread sp = Spread.of(runs.stream().filter(r -> r.variant().equals(v) && r.error() == null)
                            .map(r -> m.value.applyAsDouble(r)).filter(x -> x >= 0).toList());
                    if (sp != null) {
                        byField.put(m.field, sp);
                    }
                }
                medians.put(v, byField);
            }
            Map<String, Spread> kdr = medians.getOrDefault(KAFKA_DR, Map.of());
            Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
            for (String base : List.of(BARE, SAFE, FAST)) {
                Map<String, Spread> b = medians.getOrDefault(base, Map.of());
                if (!kdr.isEmpty() && !b.isEmpty()) {
                    Map<String, Double> q = new LinkedHashMap<>();
                    for (Metric m : Metric.values()) {
                        if (m.ratioKey != null && kdr.containsKey(m.field) && b.containsKey(m.field)) {
                            q.put(m.ratioKey, FailoverFigures.ratio(kdr.get(m.field).median(), b.get(m.field).median()));
                        }
                    }
                    ratios.put("kafka-dr/" + base.replace("runbook-", ""), q);
                }
            }
            return new BenchReport(groups, rate, partitions, runs, ratios, targets(runs, medians, ratios), repeat,
                    variants, medians);
        }

        private static List<Target> targets(List<VariantResult> runs, Map<String, Map<String, Spread>> medians,
                                            Map<String, Map<String, Double>> ratios) {
            List<Target> targets = new ArrayList<>();
            if (!medians.containsKey(KAFKA_DR)) {
                return targets;
            }
            Map<String, Spread> kdr = medians.get(KAFKA_DR);
            if (kdr.isEmpty()) {
                targets.add(new Target("kafka-dr: no run completed", false));
                return targets;
            }
            Double toBare = ratios.getOrDefault("kafka-dr/bare", Map.of()).get("rto");
            targets.add(new Target("RTO <= 1.5 x bare's, the floor (seed's order)" + ratioText(toBare),
                    toBare == null ? null : toBare <= 1.5));
            Double toSafe = ratios.getOrDefault("kafka-dr/safe", Map.of()).get("rto");
            String floorNote = "";
            Spread bare = medians.getOrDefault(BARE, Map.of()).get(Metric.RTO.field);
            Spread safe = medians.getOrDefault(SAFE, Map.of()).get(Metric.RTO.field);
            Double bareToSafe = bare == null || safe == null ? null : FailoverFigures.ratio(bare.median(), safe.median());
            if (bareToSafe != null && bareToSafe > 0.1) {
                floorNote = String.format("; bare itself is %.3f x runbook-safe on this machine: there the floor is what "
                        + "counts", bareToSafe);
            }
            targets.add(new Target("RTO <= 0.1 x runbook-safe's" + ratioText(toSafe) + floorNote,
                    toSafe == null ? null : toSafe <= 0.1));
            Spread fast = medians.getOrDefault(FAST, Map.of()).get(Metric.DUPLICATES.field);
            Spread dup = kdr.get(Metric.DUPLICATES.field);
            targets.add(new Target("duplicates <= runbook-fast's (" + Metric.DUPLICATES.show(dup.median()) + " vs "
                    + (fast == null ? "not run" : Metric.DUPLICATES.show(fast.median())) + ")",
                    fast == null ? null : dup.median() <= fast.median()));
            List<VariantResult> kdrRuns = runs.stream().filter(r -> r.variant().equals(KAFKA_DR)).toList();
            boolean allRan = kdrRuns.stream().allMatch(r -> r.error() == null);
            long lost = kdrRuns.stream().mapToLong(VariantResult::lost).max().orElse(0);
            long dups = kdrRuns.stream().mapToLong(VariantResult::duplicates).max().orElse(0);
            targets.add(new Target("0 records lost in every run (most in one: " + lost + ")", allRan && lost == 0));
            targets.add(new Target("0 records duplicated in every run (most in one: " + dups + ")", allRan && dups == 0));
            Spread perWave = kdr.get(Metric.OVERHEAD_PER_WAVE.field);
            Spread waves = kdr.get(Metric.WAVES.field);
            Spread overhead = kdr.get(Metric.OVERHEAD.field);
            targets.add(new Target(String.format("orchestration overhead <= 0.5 s per wave (%s over %s waves)",
                    perWave == null ? "-" : Metric.OVERHEAD_PER_WAVE.show(perWave.median()) + " s",
                    waves == null ? "-" : Metric.WAVES.show(waves.median())),
                    perWave == null || overhead == null ? null : perWave.median() <= 500));
            return targets;
        }

        private static String ratioText(Double ratio) {
            return ratio == null ? " (not run)" : String.format(" (%.3f)", ratio);
        }
    }

    /** A target of the issue and whether this run met it (null: not measurable, a variant did not run). */
    record Target(String text, Boolean met) {
    }
}
