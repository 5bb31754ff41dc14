package io.kafkadr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.activities.connect.ConnectRestClient;
import io.kafkadr.activities.connect.MirrorConnectorConfigs;
import io.kafkadr.activities.kafka.KafkaClientConfigs;
import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.operations.Json;
import io.kafkadr.operations.Home;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.pair.TopicSelection;
import io.kafkadr.workflows.replication.MirrorConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drctl bench replication}: how fast MM2 copies compared with producing into one cluster,
 * and how late copies arrive under load. Variants run one after the other on fresh topics
 * ({@code bench.repl.<ts>.<variant>}); topics and connectors are deleted afterwards.
 */
@Command(name = "replication", mixinStandardHelpOptions = true,
        description = "Raw produce throughput into the source cluster vs MM2 with connect-mirror defaults vs MM2 with "
                + "kafka-dr's settings: records/s, MB/s, ratio to raw, and end-to-end replication latency p50/p99/max "
                + "at half the raw rate. Needs the local stack up (./drctl local up) or --pair.")
public class ReplicationBench implements Callable<Integer> {

    static final String RAW = "raw";
    static final String DEFAULT = "mm2-default";
    static final String TUNED = "mm2-tuned";
    static final String TRIED = "mm2-tuned+set";

    @Option(names = "--records", defaultValue = "200000", description = "records per throughput run (default ${DEFAULT-VALUE})")
    long records;
    @Option(names = "--size", defaultValue = "512", description = "value bytes per record, >= 16 (default ${DEFAULT-VALUE})")
    int size;
    @Option(names = "--partitions", defaultValue = "6", description = "partitions of every bench topic (default ${DEFAULT-VALUE})")
    int partitions;
    @Option(names = "--latency-seconds", defaultValue = "20",
            description = "how long the paced latency run produces, 0 to skip it (default ${DEFAULT-VALUE})")
    int latencySeconds;
    @Option(names = "--latency-rate", description = "records/s of the latency run (default: half the raw run's rate)")
    Double latencyRate;
    @Option(names = "--timeout-seconds", defaultValue = "300",
            description = "how long a variant may take to copy its records (default ${DEFAULT-VALUE})")
    int timeoutSeconds;
    @Option(names = "--variants", split = ",", defaultValue = RAW + "," + DEFAULT + "," + TUNED,
            description = "which variants, in order: raw, mm2-default, mm2-tuned (default ${DEFAULT-VALUE}); "
                    + "--set adds mm2-tuned+set")
    List<String> variants;
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "connector setting on top of kafka-dr's (repeatable), run as the extra variant mm2-tuned+set")
    Map<String, String> tried = new LinkedHashMap<>();
    @Option(names = "--pair", paramLabel = "FILE",
            description = "pair config whose primary is the source and whose secondary's Connect group runs MM2 "
                    + "(default: the local stack's endpoints from .local/stack.json)")
    Path pairFile;
    @Option(names = "--json", description = "print the result as JSON on stdout (progress goes to stderr)")
    boolean json;

    @Override
    public Integer call() {
        // Kafka's clients log every config at INFO; the bench's own progress goes to stderr.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        if (size < 16) {
            throw new IllegalArgumentException("--size must be at least 16 bytes (a record carries its send time)");
        }
        if (records <= 0 || partitions <= 0 || latencySeconds < 0) {
            throw new IllegalArgumentException("--records and --partitions must be > 0, --latency-seconds >= 0");
        }
        List<String> order = new ArrayList<>(variants);
        if (!tried.isEmpty() && !order.contains(TRIED)) {
            order.add(TRIED);
        }
        for (String v : order) {
            if (!List.of(RAW, DEFAULT, TUNED, TRIED).contains(v)) {
                throw new IllegalArgumentException("unknown variant '" + v + "': use raw, mm2-default, mm2-tuned");
            }
        }
        PairConfig pair = pairFile == null ? localStackPair() : PairConfigParser.parseFile(pairFile);
        SecretResolver secrets = new SecretResolver();
        KafkaClientConfigs clients = new KafkaClientConfigs(secrets);
        long ts = System.currentTimeMillis();
        List<ReplicationRow> rows = new ArrayList<>();
        try (ReplicationRuns runs = new ReplicationRuns(pair, Direction.primaryToSecondary(pair), clients,
                new ConnectRestClient(secrets), new MirrorConnectorConfigs(clients), size, partitions, System.err)) {
            Double rawRate = null;
            if (!order.contains(RAW)) {
                System.err.println("no raw variant: ratios and the latency rate need it; running raw first");
                order.add(0, RAW);
            }
            for (String v : order) {
                String topic = ReplicationRuns.TOPIC_PREFIX + ts + "." + v.replace('+', '-');
                ReplicationRow row;
                if (v.equals(RAW)) {
                    row = runs.raw(topic, records);
                    rawRate = row.recordsPerSecond();
                } else {
                    Map<String, String> config = switch (v) {
                        case DEFAULT -> runs.defaultConfig(topic);
                        case TUNED -> runs.tunedConfig(topic, Map.of());
                        default -> runs.tunedConfig(topic, tried);
                    };
                    double rate = latencyRate != null ? latencyRate : rawRate / 2;
                    row = runs.mirror(v, topic, config, records, rawRate, rate, latencySeconds, timeoutSeconds);
                }
                rows.add(row);
                System.err.printf("%s: %d records in %.2f s, %.0f records/s%n", v, row.records(), row.seconds(),
                        row.recordsPerSecond());
            }
        }
        if (json) {
            System.out.println(Json.write(new Result(records, size, partitions, latencySeconds, ReplicationRuns.MEASURED,
                    rows)));
        } else {
            System.out.printf("%ndrctl bench replication --records %d --size %d --partitions %d --latency-seconds %d%n%n",
                    records, size, partitions, latencySeconds);
            ReplicationTable.print(rows, ReplicationRuns.MEASURED, System.out);
        }
        return 0;
    }

    /** The JSON of a bench run. */
    public record Result(long records, int size, int partitions, int latencySeconds, String latencyMeasures,
                         List<ReplicationRow> variants) {
    }

    /** The local stack as a pair: primary is the source, secondary's Connect group runs MM2. */
    static PairConfig localStackPair() {
        Path file = Home.path().resolve(Path.of(".local", "stack.json"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no local stack (" + file + " missing): start it with ./drctl local up "
                    + "(with the same KAFKADR_PORTS), or give --pair FILE");
        }
        JsonNode endpoints;
        try {
            endpoints = new ObjectMapper().readTree(file.toFile()).path("endpoints");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new PairConfig("bench", "primary", "secondary", List.of(
                new ClusterConfig("primary", endpoint(endpoints, "kafka-primary", file), "local-a",
                        endpoint(endpoints, "connect-primary-1", file), null),
                new ClusterConfig("secondary", endpoint(endpoints, "kafka-secondary", file), "local-b",
                        endpoint(endpoints, "connect-secondary-1", file), null)),
                new TopicSelection(List.of("bench"), null), null, null, ReplicationSettings.defaults(), null, false, null);
    }

    private static String endpoint(JsonNode endpoints, String name, Path file) {
        String value = endpoints.path(name).asText("");
        if (value.isBlank()) {
            throw new IllegalStateException(file + " names no endpoint '" + name + "': restart the stack with "
                    + "./drctl local up, or give --pair FILE");
        }
        return value;
    }
}
