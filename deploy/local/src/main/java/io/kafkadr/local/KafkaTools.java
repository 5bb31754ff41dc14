package io.kafkadr.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kafkadr.local.LocalStackCli.App;
import io.kafkadr.local.apps.KafkaToolRunner;
import io.kafkadr.local.apps.ToolAudit;
import io.kafkadr.local.apps.ToolEvents;
import io.kafkadr.local.apps.TopicScan;
import io.kafkadr.local.apps.TransactionAudit;
import io.kafkadr.local.apps.ValuePrefixes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Kafka's own test clients as apps of the local stack ({@code drctl local start verifiable-producer|
 * verifiable-consumer|tx-copier}) and the audit over their output ({@code drctl local audit --tools}).
 * App {@code <kind>-<name>} writes its ledger to {@code .local/ledgers/<kind>-<name>.jsonl}.
 */
final class KafkaTools {

    static final String VERIFIABLE_PRODUCER = "org.apache.kafka.tools.VerifiableProducer";
    static final String VERIFIABLE_CONSUMER = "org.apache.kafka.tools.VerifiableConsumer";
    static final String TRANSACTIONAL_COPIER = "org.apache.kafka.tools.TransactionalMessageCopier";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaTools() {
    }

    static String appName(App app, String name) {
        return app + "-" + name;
    }

    static int start(LocalStack stack, LocalStackCli.Start o) throws IOException {
        String cluster = o.cluster.name();
        String bootstrap = stack.bootstrap(cluster);
        Path ledgers = stack.layout().ledgers();
        Files.createDirectories(ledgers);
        List<String> runner = new ArrayList<>();
        List<String> tool = new ArrayList<>();
        String name;
        switch (o.app) {
            case verifiable_producer -> {
                name = appName(o.app, o.producerName);
                stack.ensureTopic(cluster, o.topic, o.partitions);
                int prefix = o.valuePrefix != null ? o.valuePrefix : ValuePrefixes.next(ledgers);
                runner.addAll(List.of("--label", "valuePrefix=" + prefix));
                tool.addAll(List.of(VERIFIABLE_PRODUCER, "--bootstrap-server", bootstrap, "--topic", o.topic,
                        "--throughput", Integer.toString(o.throughput), "--max-messages", Long.toString(o.maxMessages),
                        "--value-prefix", Integer.toString(prefix), "--acks", "-1"));
            }
            case verifiable_consumer -> {
                name = appName(o.app, o.group);
                if (!o.isolation.equals("read_committed") && !o.isolation.equals("read_uncommitted")) {
                    throw new IllegalArgumentException("--isolation must be read_committed or read_uncommitted");
                }
                Path config = stack.layout().config().resolve(name + ".properties");
                Files.createDirectories(config.getParent());
                Files.writeString(config, "isolation.level=" + o.isolation + "\n");
                runner.addAll(List.of("--label", "isolation=" + o.isolation));
                tool.addAll(List.of(VERIFIABLE_CONSUMER, "--bootstrap-server", bootstrap, "--topic", o.topic,
                        "--group-id", o.group, "--verbose", "--reset-policy", "earliest",
                        "--command-config", config.toString()));
            }
            case tx_copier -> {
                name = appName(o.app, o.producerName);
                if (o.inputTopic == null) {
                    throw new IllegalArgumentException("tx-copier needs --input-topic (it copies it into --topic)");
                }
                stack.ensureTopic(cluster, o.topic, o.partitions);
                runner.add("--repeat");
                tool.addAll(List.of(TRANSACTIONAL_COPIER, "--broker-list", bootstrap, "--input-topic", o.inputTopic,
                        "--input-partition", "0", "--group-mode", "--output-topic", o.topic,
                        "--transactional-id", o.producerName, "--consumer-group", o.producerName,
                        "--transaction-size", Integer.toString(o.transactionSize), "--enable-random-aborts",
                        "--use-group-metadata"));
            }
            default -> throw new IllegalArgumentException(o.app + " is not a Kafka tool");
        }
        List<String> args = new ArrayList<>(List.of("--ledger", ledgers.resolve(name + ".jsonl").toString(),
                "--cluster", cluster));
        args.addAll(runner);
        args.add("--");
        args.addAll(tool);
        stack.startApp(new JavaAppSpec(name, cluster, "128m", Classpaths.own(), KafkaToolRunner.class.getName(), args));
        return stack.stillRunningAfter(name, java.time.Duration.ofSeconds(1)) ? 0 : 1;
    }

    /** {@code drctl local audit --tools}: exit 0 unless a record was lost or a read_committed group read an aborted one. */
    static int audit(LocalStack stack, String topicFilter, String groupFilter, boolean json) throws IOException {
        Path ledgers = stack.layout().ledgers();
        Map<String, List<ToolEvents.Event>> producers = ledgersOf(ledgers, App.verifiable_producer);
        Map<String, List<ToolEvents.Event>> consumers = ledgersOf(ledgers, App.verifiable_consumer);
        Map<String, List<ToolEvents.Event>> copiers = ledgersOf(ledgers, App.tx_copier);

        // what each copier copies from where: its last run's arguments
        Map<String, JsonNode> copierRuns = new TreeMap<>();
        copiers.keySet().forEach(c -> lastRun(ledgers, App.tx_copier, c).ifPresent(r -> copierRuns.put(c, r)));

        List<ToolAudit> audits = new ArrayList<>();
        Map<String, String> isolation = new TreeMap<>();
        for (String group : consumers.keySet()) {
            JsonNode run = lastRun(ledgers, App.verifiable_consumer, group).orElse(null);
            if (run == null || (groupFilter != null && !groupFilter.equals(group))) {
                continue;
            }
            isolation.put(group, run.path("isolation").asText("read_uncommitted"));
            String topic = ToolEvents.argument(run, "--topic");
            if (topicFilter != null && !topicFilter.equals(topic)) {
                continue;
            }
            String source = copierRuns.values().stream().filter(r -> topic.equals(ToolEvents.argument(r, "--output-topic")))
                    .map(r -> ToolEvents.argument(r, "--input-topic")).findFirst().orElse(topic);
            audits.add(ToolAudit.of(topic, source, group, producers.values(), consumers.get(group)));
        }

        List<TransactionAudit> transactions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (var copier : copierRuns.entrySet()) {
            String input = ToolEvents.argument(copier.getValue(), "--input-topic");
            String output = ToolEvents.argument(copier.getValue(), "--output-topic");
            if (topicFilter != null && !topicFilter.equals(output)) {
                continue;
            }
            Map<String, Long> committed = new TreeMap<>();
            Map<String, Long> aborted = new TreeMap<>();
            java.util.Set<String> abortedPositions = new java.util.HashSet<>();
            for (String side : List.of("primary", "secondary")) {
                try {
                    TopicScan scan = TopicScan.of(side, stack.bootstrap(side), output);
                    committed.put(side, (long) scan.committed().size());
                    aborted.put(side, (long) scan.aborted().size());
                    abortedPositions.addAll(scan.aborted());
                } catch (RuntimeException e) {
                    notes.add("cannot read " + output + " on " + side + ": " + e.getMessage());
                }
            }
            List<TransactionAudit.GroupCheck> checks = new ArrayList<>();
            for (ToolAudit a : audits) {
                if (a.topic().equals(output)) {
                    checks.add(TransactionAudit.check(a.group(), isolation.get(a.group()), output, consumers.get(a.group()),
                            abortedPositions));
                }
            }
            List<ToolEvents.Event> events = copiers.get(copier.getKey());
            long runs = events.stream().map(ToolEvents.Event::run).distinct().count();
            transactions.add(new TransactionAudit(App.tx_copier + "-" + copier.getKey(), input, output, runs,
                    TransactionAudit.committedByTool(events), committed, aborted, checks));
        }

        boolean passed = audits.stream().allMatch(a -> a.lost() == 0) && transactions.stream()
                .flatMap(t -> t.groups().stream())
                .noneMatch(g -> "read_committed".equals(g.isolation()) && g.consumedAborted() > 0);
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("passed", passed);
            report.put("audits", audits);
            report.put("transactions", transactions);
            report.put("notes", notes);
            System.out.println(JSON.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            audits.forEach(a -> System.out.println(a.summary()));
            for (TransactionAudit t : transactions) {
                System.out.printf("%s: %s -> %s, %d runs, committed by the tool's count %d; on the broker committed %s, aborted %s%n",
                        t.copier(), t.inputTopic(), t.outputTopic(), t.runs(), t.committedByTool(), t.committedOnBroker(),
                        t.abortedOnBroker());
                t.groups().forEach(g -> System.out.printf("  group %s (%s): consumed %d, of them in aborted transactions %d%s%n",
                        g.group(), g.isolation(), g.consumed(), g.consumedAborted(), g.sample().isEmpty() ? "" : ", e.g. " + g.sample()));
            }
            notes.forEach(n -> System.out.println("note: " + n));
            if (audits.isEmpty() && transactions.isEmpty()) {
                System.out.println("no Kafka tool ledgers in " + ledgers);
            }
        }
        return passed ? 0 : 1;
    }

    private static java.util.Optional<JsonNode> lastRun(Path ledgers, App app, String name) {
        List<JsonNode> runs = ToolEvents.runs(ledgers.resolve(appName(app, name) + ".jsonl"));
        return runs.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(runs.get(runs.size() - 1));
    }

    /** name -> events of every {@code <app>-<name>.jsonl} ledger. */
    private static Map<String, List<ToolEvents.Event>> ledgersOf(Path ledgers, App app) throws IOException {
        Map<String, List<ToolEvents.Event>> result = new TreeMap<>();
        if (!Files.isDirectory(ledgers)) {
            return result;
        }
        String prefix = app + "-";
        try (Stream<Path> files = Files.list(ledgers)) {
            for (Path f : files.toList()) {
                String file = f.getFileName().toString();
                if (file.startsWith(prefix) && file.endsWith(".jsonl")) {
                    result.put(file.substring(prefix.length(), file.length() - ".jsonl".length()), ToolEvents.read(f));
                }
            }
        }
        return result;
    }
}
