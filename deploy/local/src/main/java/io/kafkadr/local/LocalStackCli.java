package io.kafkadr.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kafkadr.local.apps.GroupFarm;
import io.kafkadr.local.apps.LedgerAudit;
import io.kafkadr.local.apps.SampleConsumer;
import io.kafkadr.local.apps.SampleProducer;
import io.kafkadr.local.process.RunningProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code drctl local ...}: the local two-region stack. Exit codes: 0 ok, 1 check failed, 2 usage. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run the local two-region stack (Temporal, Kafka primary/secondary, Connect with MM2, sample apps).",
        subcommands = {LocalStackCli.Up.class, LocalStackCli.Status.class, LocalStackCli.Down.class,
                LocalStackCli.Kill.class, LocalStackCli.Start.class, LocalStackCli.Stop.class,
                LocalStackCli.Audit.class, LocalStackCli.Reset.class})
public class LocalStackCli {

    static final String WORKER = "worker";

    /** The stack as every command but {@code up} sees it: nothing is installed. */
    LocalStack stack() {
        return stack(false);
    }

    /** @param mayInstall whether a missing Temporal CLI may be installed (only {@code up} does) */
    LocalStack stack(boolean mayInstall) {
        return stack(mayInstall, false);
    }

    /** @param secure make a new stack secure ({@code up --secure}); a stack made secure stays so until {@code reset} */
    LocalStack stack(boolean mayInstall, boolean secure) {
        Path home = Path.of(System.getProperty("kafkadr.home", ".")).toAbsolutePath().normalize();
        StackLayout layout = new StackLayout(home);
        LocalSecurity security = new LocalSecurity(layout);
        if (secure && !security.enabled()) {
            if (java.nio.file.Files.exists(layout.data("kafka-primary"))) {
                throw new IllegalArgumentException("this local stack was created PLAINTEXT (" + layout.data("kafka-primary")
                        + " exists): run 'drctl local reset' first, then 'drctl local up --secure'");
            }
            security.ensure();
        }
        LocalPorts ports = LocalPorts.fromEnvironment(System.getenv("KAFKADR_PORTS"));
        return new LocalStack(layout, ports, () -> TemporalCliSetup.forStack(layout, System.err).choose(mayInstall),
                System.err);
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start whatever is not running and wait until everything answers (idempotent).")
    static class Up implements Callable<Integer> {
        @ParentCommand
        LocalStackCli parent;
        @Option(names = "--json", description = "print the stack status as JSON on stdout")
        boolean json;
        @Option(names = "--secure", description = {"a new stack with SASL_SSL (SCRAM-SHA-512) listeners, a private CA, "
                + "one principal per role and ACLs (StandardAuthorizer), all under .local/security/; a stack made secure "
                + "stays secure until 'local reset'"})
        boolean secure;

        @Override
        public Integer call() throws Exception {
            StackStatus status = parent.stack(true, secure).up();
            print(status, json);
            return status.healthy() ? 0 : 1;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show what runs, its endpoints and memory; exit 1 if part of the stack is down.")
    static class Status implements Callable<Integer> {
        @ParentCommand
        LocalStackCli parent;
        @Option(names = "--json", description = "JSON on stdout")
        boolean json;

        @Override
        public Integer call() throws Exception {
            StackStatus status = parent.stack().status();
            print(status, json);
            return status.healthy() ? 0 : 1;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop every process of the stack.")
    static class Down implements Callable<Integer> {
        @ParentCommand
        LocalStackCli parent;

        @Override
        public Integer call() {
            LocalStack stack = parent.stack();
            stack.down();
            StackStatus after = stack.status();
            if (!after.processes().isEmpty()) {
                System.err.println("still running: " + after.processes());
                return 1;
            }
            System.err.println("local stack down, no process left");
            return 0;
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = "Regional outage: kill -9 every process of one side (its broker, Connect workers and the apps attached to it).")
    static class Kill implements Callable<Integer> {
        @ParentCommand
        LocalStackCli parent;
        @Parameters(paramLabel = "SIDE", description = "primary or secondary")
        Side side;

        @Override
        public Integer call() {
            List<String> killed = parent.stack().kill(side.name());
            System.err.println(killed.isEmpty() ? "nothing of " + side + " was running" : "killed " + killed);
            return 0;
        }
    }

    enum Side { primary, secondary }

    /** Apps; on the command line the Kafka tools are spelt with hyphens (verifiable-producer). */
    enum App {
        worker, producer, consumer, traffic, verifiable_producer, verifiable_consumer, tx_copier, group_farm;

        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }

    static class AppConverter implements CommandLine.ITypeConverter<App> {
        @Override
        public App convert(String value) {
            try {
                return App.valueOf(value.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not one of "
                        + java.util.Arrays.toString(App.values()));
            }
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start the worker or sample apps: worker | producer | consumer | traffic (producer and consumer),",
                    "or one of Kafka's own test clients (stdout JSON events appended to .local/ledgers/<app>.jsonl):",
                    "  verifiable-producer --name N --topic T [--throughput N] [--max-messages N] [--value-prefix N]",
                    "  verifiable-consumer --group G --topic T [--isolation read_committed]",
                    "  tx-copier --name N --input-topic I --topic T [--transaction-size N]",
                    "    (TransactionalMessageCopier --group-mode --enable-random-aborts, restarted each time it caught up)",
                    "or the group farm, many consumer groups in one JVM moved by the http binding:",
                    "  group-farm --groups N --port P [--group-prefix G] [--topic-prefix T] [--topic-count 10]",
                    "    [--partitions 3] [--seed-records N] [--no-ledgers] [--stopped]"})
    static class Start implements Callable<Integer> {
        @ParentCommand
        LocalStackCli parent;
        @Parameters(paramLabel = "APP", converter = AppConverter.class, description = "${COMPLETION-CANDIDATES}")
        App app;
        @Option(names = "--cluster", defaultValue = "primary", description = "cluster the app connects to (default: ${DEFAULT-VALUE})")
        Side cluster;
        @Option(names = "--rate", defaultValue = "50", description = "producer records per second (default: ${DEFAULT-VALUE})")
        int rate;
        @Option(names = "--name", defaultValue = "p1", description = "producer name (default: ${DEFAULT-VALUE})")
        String producerName;
        @Option(names = "--group", defaultValue = "orders-app", description = "consumer group (default: ${DEFAULT-VALUE})")
        String group;
        @Option(names = "--topic", defaultValue = LocalStack.SAMPLE_TOPIC, description = "topic (default: ${DEFAULT-VALUE})")
        String topic;
        @Option(names = "--throughput", defaultValue = "50", description = "verifiable-producer: records per second (default: ${DEFAULT-VALUE})")
        int throughput;
        @Option(names = "--max-messages", defaultValue = "-1", description = "verifiable-producer: stop after this many (default: unbounded)")
        long maxMessages;
        @Option(names = "--value-prefix", description = "verifiable-producer: value prefix (default: the next number of the stack-wide run counter)")
        Integer valuePrefix;
        @Option(names = "--partitions", defaultValue = "3", description = "verifiable-producer, tx-copier: partitions of the topic, created if missing (default: ${DEFAULT-VALUE})")
        int partitions;
        @Option(names = "--isolation", defaultValue = "read_uncommitted", description = "verifiable-consumer: read_committed or read_uncommitted (default: ${DEFAULT-VALUE})")
        String isolation;
        @Option(names = "--input-topic", description = "tx-copier: topic it copies from")
        String inputTopic;
        @Option(names = "--transaction-size", defaultValue = "20", description = "tx-copier: records per transaction (default: ${DEFAULT-VALUE})")
        int transactionSize;
        @Option(names = "--groups", defaultValue = "100", description = "group-farm: consumer groups (default: ${DEFAULT-VALUE})")
        int groups;
        @Option(names = "--port", defaultValue = "7790", description = "group-farm: HTTP port of its control and status URLs (default: ${DEFAULT-VALUE})")
        int port;
        @Option(names = "--group-prefix", defaultValue = "farm-g", description = "group-farm: group i is <prefix><i> (default: ${DEFAULT-VALUE})")
        String groupPrefix;
        @Option(names = "--topic-prefix", defaultValue = "farm-t", description = "group-farm: topic j is <prefix><j> (default: ${DEFAULT-VALUE})")
        String topicPrefix;
        @Option(names = "--topic-count", defaultValue = "10", description = "group-farm: group i reads topic i mod this (default: ${DEFAULT-VALUE})")
        int topicCount;
        @Option(names = "--seed-records", defaultValue = "0", description = "group-farm: records written to each topic first, topics created if missing (default: ${DEFAULT-VALUE})")
        int seedRecords;
        @Option(names = "--no-ledgers", description = "group-farm: write no ledgers")
        boolean noLedgers;
        @Option(names = "--stopped", description = "group-farm: every group waits for a start request")
        boolean stopped;
        @Option(names = "--codec-keys-file", paramLabel = "FILE",
                description = "worker: encrypt Temporal payloads with the keys in FILE (see 'drctl worker --help'); "
                        + "drctl then needs the same --codec-keys-file")
        Path codecKeysFile;

        @Override
        public Integer call() throws Exception {
            LocalStack stack = parent.stack();
            if (stack.security().isPresent() && app != App.worker && app != App.producer && app != App.consumer
                    && app != App.traffic) {
                throw new IllegalArgumentException(app + " does not run on the secure stack yet (only the worker and the "
                        + "sample producer and consumer do): use the PLAINTEXT stack ('drctl local reset', 'drctl local up')");
            }
            switch (app) {
                case verifiable_producer, verifiable_consumer, tx_copier -> {
                    return KafkaTools.start(stack, this);
                }
                default -> {
                }
            }
            if (app == App.group_farm) {
                return startFarm(stack);
            }
            if (app == App.worker) {
                List<String> args = new java.util.ArrayList<>(List.of("--temporal", stack.temporalAddress(),
                        "--base-dir", stack.layout().projectRoot().toString(),
                        "--metrics-port", Integer.toString(stack.workerMetricsPort())));
                if (codecKeysFile != null) {
                    args.addAll(List.of("--codec-keys-file", codecKeysFile.toAbsolutePath().toString()));
                }
                stack.startApp(new JavaAppSpec(WORKER, "control", "256m", Classpaths.worker(stack.layout().projectRoot()),
                        "io.kafkadr.worker.WorkerMain", args));
                return stack.stillRunningAfter(WORKER, java.time.Duration.ofSeconds(3)) ? 0 : 1;
            }
            String bootstrap = stack.bootstrap(cluster.name());
            if (app == App.producer || app == App.traffic) {
                String name = "producer-" + producerName;
                stack.startApp(new JavaAppSpec(name, cluster.name(), "96m", Classpaths.own(),
                        SampleProducer.class.getName(), withClientConfig(stack.appClientConfig(name, topic, null),
                        "--bootstrap", bootstrap, "--cluster", cluster.name(),
                        "--topic", topic, "--name", producerName, "--rate", Integer.toString(rate),
                        "--ledger", stack.layout().ledgers().resolve(name + ".tsv").toString())));
            }
            if (app == App.consumer || app == App.traffic) {
                String name = "consumer-" + group;
                stack.startApp(new JavaAppSpec(name, cluster.name(), "96m", Classpaths.own(),
                        SampleConsumer.class.getName(), withClientConfig(stack.appClientConfig(name, topic, group),
                        "--bootstrap", bootstrap, "--cluster", cluster.name(), "--topic", topic, "--group", group,
                        "--ledger", stack.layout().ledgers().resolve(name + ".tsv").toString())));
            }
            return 0;
        }

        private static List<String> withClientConfig(java.util.Optional<Path> clientConfig, String... args) {
            List<String> all = new java.util.ArrayList<>(List.of(args));
            clientConfig.ifPresent(f -> all.addAll(List.of("--client-config", f.toString())));
            return all;
        }

        private int startFarm(LocalStack stack) {
            List<String> args = new java.util.ArrayList<>(List.of("--bootstrap", stack.bootstrap(cluster.name()),
                    "--cluster", cluster.name(), "--groups", Integer.toString(groups), "--port", Integer.toString(port),
                    "--group-prefix", groupPrefix, "--topic-prefix", topicPrefix, "--topic-count", Integer.toString(topicCount),
                    "--partitions", Integer.toString(partitions), "--seed-records", Integer.toString(seedRecords)));
            if (!noLedgers) {
                args.addAll(List.of("--ledgers", stack.layout().ledgers().toString()));
            }
            if (stopped) {
                args.add("--stopped");
            }
            // "control": the farm moves its groups itself, so a regional outage does not kill it
            stack.startApp(new JavaAppSpec(GROUP_FARM, "control", farmHeapMiB(groups) + "m", Classpaths.own(),
                    GroupFarm.class.getName(), args));
            return stack.stillRunningAfter(GROUP_FARM, java.time.Duration.ofSeconds(3)) ? 0 : 1;
        }
    }

    static final String GROUP_FARM = "group-farm";

    /** Heap of the group farm: a base plus 0.6 MiB per group (about 0.33 MiB live per consumer measured at 1000 groups). */
    static int farmHeapMiB(int groups) {
        return Math.max(128, 96 + groups * 6 / 10);
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the worker or apps gracefully: worker | producer | consumer | traffic | "
                    + "verifiable-producer --name | verifiable-consumer --group | tx-copier --name | group-farm.")
    static class Stop implements Callable<Integer> {
        @ParentCommand
        LocalStackCli parent;
        @Parameters(paramLabel = "APP", converter = AppConverter.class, description = "${COMPLETION-CANDIDATES}")
        App app;
        @Option(names = "--name", defaultValue = "p1", description = "producer name (default: ${DEFAULT-VALUE})")
        String producerName;
        @Option(names = "--group", defaultValue = "orders-app", description = "consumer group (default: ${DEFAULT-VALUE})")
        String group;

        @Override
        public Integer call() {
            LocalStack stack = parent.stack();
            switch (app) {
                case worker -> stack.stopApp(WORKER);
                case producer -> stack.stopApp("producer-" + producerName);
                case consumer -> stack.stopApp("consumer-" + group);
                case traffic -> {
                    stack.stopApp("producer-" + producerName);
                    stack.stopApp("consumer-" + group);
                }
                case verifiable_producer, tx_copier -> stack.stopApp(KafkaTools.appName(app, producerName));
                case verifiable_consumer -> stack.stopApp(KafkaTools.appName(app, group));
                case group_farm -> stack.stopApp(GROUP_FARM);
            }
            return 0;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = {"Count lost and duplicated records from the sample apps' ledgers,",
                    "or with --tools from the Kafka tools' own output (exit 1 on a lost record or an aborted record",
                    "read by a read_committed group; duplicates are counted, at-least-once consumers make them)."})
    static class Audit implements Callable<Integer> {
        @ParentCommand
        LocalStackCli parent;
        @Option(names = "--name", defaultValue = "p1", description = "producer name (default: ${DEFAULT-VALUE})")
        String producerName;
        @Option(names = "--group", description = "consumer group (default: orders-app; with --tools: every group)")
        String group;
        @Option(names = "--tools", description = "audit the Kafka tools' ledgers (verifiable-producer/-consumer, tx-copier)")
        boolean tools;
        @Option(names = "--topic", description = "with --tools: only this topic")
        String topic;
        @Option(names = "--from-seq", defaultValue = "0", description = "only records from this producer sequence on")
        long fromSeq;
        @Option(names = "--json", description = "JSON on stdout")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (tools) {
                return KafkaTools.audit(parent.stack(), topic, group, json);
            }
            Path ledgers = parent.stack().layout().ledgers();
            String group = this.group == null ? "orders-app" : this.group;
            LedgerAudit audit = LedgerAudit.of(ledgers.resolve("producer-" + producerName + ".tsv"),
                    ledgers.resolve("consumer-" + group + ".tsv"), fromSeq);
            System.out.println(json ? new ObjectMapper().writeValueAsString(audit)
                    : "acknowledged " + audit.acked() + ", consumed " + audit.consumed() + ", lost " + audit.lost()
                    + ", duplicates " + audit.duplicates() + (audit.lost() > 0 ? ", e.g. " + audit.lostSample() : ""));
            return audit.lost() == 0 && audit.duplicates() == 0 ? 0 : 1;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Stop the stack and delete its data, logs, ledgers and the pairs registered on it in .local/pairs "
                    + "(a fresh pair: active on primary).")
    static class Reset implements Callable<Integer> {
        @ParentCommand
        LocalStackCli parent;

        @Override
        public Integer call() throws Exception {
            LocalStack stack = parent.stack();
            stack.down();
            stack.wipe();
            System.err.println("local stack reset: " + stack.layout().root() + " holds no data any more");
            return 0;
        }
    }

    static void print(StackStatus status, boolean json) throws Exception {
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status));
            return;
        }
        System.out.println("temporal server: " + status.temporalServer()
                + (status.temporalServer().equals(TemporalServer.JAVA_TEST_SERVER) ? " (" + TemporalCliPolicy.testServerHint() + ")" : ""));
        String ui = status.endpoints().get("temporal-ui");
        if (ui != null) {
            System.out.println("Temporal UI: " + ui);
        }
        status.endpoints().forEach((k, v) -> System.out.printf("  %-22s %s%n", k, v));
        System.out.printf("%-22s %-10s %8s %10s%n", "PROCESS", "SIDE", "PID", "RSS MiB");
        for (RunningProcess p : status.processes()) {
            System.out.printf("%-22s %-10s %8d %10d%n", p.name(), p.side(), p.pid(), p.rssKib() / 1024);
        }
        System.out.printf("total resident memory: %d MiB%n", status.totalRssKib() / 1024);
        if (!status.missing().isEmpty()) {
            System.out.println("NOT RUNNING: " + status.missing());
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new LocalStackCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("error: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        System.exit(cli.execute(args));
    }
}
