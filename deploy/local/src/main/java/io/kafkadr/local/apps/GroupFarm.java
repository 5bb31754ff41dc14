package io.kafkadr.local.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Many lightweight consumer groups in one JVM, each moved by kafka-dr's {@code http} binding
 * (see {@link FarmApi}): group {@code <group-prefix><i>} reads topic
 * {@code <topic-prefix><i mod topic-count>} on one consumer thread with small fetches, appends
 * what it consumed to {@code <ledgers>/consumer-<group>.tsv} (the {@link SampleConsumer} format)
 * and commits. {@code --seed-records} first creates the topics on the starting cluster and
 * writes that many records to each, as producer {@code seed-<topic>} with its ledger (the
 * {@link SampleProducer} format), so {@code drctl local audit --name seed-<topic> --group <group>}
 * counts what a group lost or read twice.
 */
@Command(name = "group-farm", mixinStandardHelpOptions = true)
public class GroupFarm implements Callable<Integer> {

    @Option(names = "--bootstrap", required = true, description = "cluster every group starts on")
    String bootstrap;
    @Option(names = "--cluster", required = true, description = "alias of that cluster (reported by the status URLs)")
    String cluster;
    @Option(names = "--groups", required = true, description = "number of consumer groups")
    int groups;
    @Option(names = "--group-prefix", defaultValue = "farm-g", description = "group i is <prefix><i> (default: ${DEFAULT-VALUE})")
    String groupPrefix;
    @Option(names = "--topic-prefix", defaultValue = "farm-t", description = "topic j is <prefix><j> (default: ${DEFAULT-VALUE})")
    String topicPrefix;
    @Option(names = "--topic-count", defaultValue = "10", description = "group i reads topic i mod this (default: ${DEFAULT-VALUE})")
    int topicCount;
    @Option(names = "--partitions", defaultValue = "3", description = "partitions of topics --seed-records creates (default: ${DEFAULT-VALUE})")
    int partitions;
    @Option(names = "--seed-records", defaultValue = "0", description = "records written to each topic before the groups start (default: ${DEFAULT-VALUE})")
    int seedRecords;
    @Option(names = "--port", required = true, description = "HTTP port of the control and status URLs (127.0.0.1)")
    int port;
    @Option(names = "--ledgers", description = "directory of the ledgers; none are written without it")
    Path ledgers;
    @Option(names = "--stopped", description = "start with every group stopped (they wait for a start request)")
    boolean stopped;

    @Override
    public Integer call() throws Exception {
        if (groups < 1 || topicCount < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--groups and --topic-count must be at least 1");
        }
        List<String> topics = new ArrayList<>();
        for (int j = 0; j < topicCount; j++) {
            topics.add(topicPrefix + j);
        }
        if (seedRecords > 0) {
            FarmSeed.seed(bootstrap, cluster, topics, partitions, seedRecords, ledgers);
        }
        List<Ledger> openLedgers = new ArrayList<>();
        Map<String, FarmGroup> farm = new LinkedHashMap<>();
        for (int i = 0; i < groups; i++) {
            String name = groupPrefix + i;
            Ledger ledger = ledgers == null ? null : new Ledger(ledgers.resolve("consumer-" + name + ".tsv"));
            if (ledger != null) {
                openLedgers.add(ledger);
            }
            farm.put(name, new FarmGroup(name, topics.get(i % topicCount), ledger));
        }
        FarmApi api = new FarmApi(farm);
        ExecutorService handlers = Executors.newFixedThreadPool(32);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.createContext("/", exchange -> serve(api, exchange));
        server.setExecutor(handlers);
        server.start();
        System.out.println("group farm: " + groups + " groups over " + topicCount + " topics (" + topicPrefix + "0..), "
                + "control http://127.0.0.1:" + port + "/groups/<group>/control, status .../status, farm /status");
        if (!stopped) {
            farm.values().forEach(g -> g.start(cluster, bootstrap));
            System.out.println("started every group on " + cluster + " (" + bootstrap + ")");
        }
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            farm.values().forEach(FarmGroup::signalStop);
            farm.values().forEach(FarmGroup::stop);
            openLedgers.forEach(Ledger::close);
            handlers.shutdownNow();
            finished.countDown();
        }));
        finished.await();
        return 0;
    }

    private static void serve(FarmApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            FarmApi.Response r;
            try {
                r = api.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
            } catch (RuntimeException e) {
                r = new FarmApi.Response(500, Map.of("error", String.valueOf(e)));
            }
            byte[] out = new ObjectMapper().writeValueAsBytes(r.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(r.code(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GroupFarm()).execute(args));
    }
}
