package io.kafkadr.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kafkadr.local.process.ProcessSupervisor;
import io.kafkadr.local.process.RunningProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The local two-region stack: Temporal, Kafka {@code primary} and {@code secondary}, a Connect
 * group next to each (two workers next to the secondary, the usual replication target; one next
 * to the primary, used only while failing back), sample apps and the worker.
 */
public class LocalStack {

    /** Topic the sample apps use; created on the primary by {@code up}. */
    public static final String SAMPLE_TOPIC = "orders";
    static final int SAMPLE_PARTITIONS = 3;
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StackLayout layout;
    private final LocalPorts ports;
    private final ProcessSupervisor supervisor;
    private final PrintStream out;
    private final TemporalNode temporal;
    private final Map<String, KafkaNode> kafka = new LinkedHashMap<>();
    private final List<ConnectNode> connect = new ArrayList<>();
    /** {@code null}: the PLAINTEXT stack. */
    private final LocalSecurity security;

    /**
     * @param temporalServer which Temporal server to run when none of this stack runs yet (may
     *                       install the CLI: {@code up} passes one that does); a running one is kept
     */
    public LocalStack(StackLayout layout, LocalPorts ports, Supplier<TemporalServer> temporalServer, PrintStream out) {
        this.layout = layout;
        this.ports = ports;
        this.out = out;
        this.supervisor = new ProcessSupervisor(layout.run(), layout.root().toAbsolutePath().toString());
        TemporalServer server = runningTemporal().orElseGet(temporalServer);
        this.temporal = new TemporalNode(ports, layout, supervisor.marker("temporal"), server);
        if (server.isCli()) {
            supervisor.useMarker("temporal", TemporalNode.cliMarker(layout));
        }
        LocalSecurity secure = new LocalSecurity(layout);
        this.security = secure.enabled() ? secure : null;
        for (String side : List.of("primary", "secondary")) {
            kafka.put(side, new KafkaNode(side, ports, layout, supervisor.marker("kafka-" + side), security));
        }
        connect.add(connectNode("secondary", 1));
        connect.add(connectNode("secondary", 2));
        connect.add(connectNode("primary", 1));
    }

    /** The server this stack runs already, whichever it is: an idempotent {@code up} does not switch. */
    private Optional<TemporalServer> runningTemporal() {
        if (supervisor.findMarked(TemporalNode.cliMarker(layout)).isPresent()) {
            return Optional.of(TemporalServer.runningCli());
        }
        if (supervisor.find("temporal").isPresent()) {
            return Optional.of(TemporalServer.javaTestServer());
        }
        return Optional.empty();
    }

    private ConnectNode connectNode(String side, int index) {
        String name = "connect-" + side + "-" + index;
        return new ConnectNode(side, index, ports, kafka.get(side).bootstrap(), layout, supervisor.marker(name),
                security);
    }

    /** Starts whatever is not running and waits until everything answers. Idempotent. */
    public StackStatus up() {
        long started = System.nanoTime();
        prepareFolders();
        checkPorts(infrastructure());
        Classpaths.installMirrorPlugin(layout.plugins());

        CompletableFuture<Void> temporalUp = CompletableFuture.runAsync(() -> ensureRunning(temporal));
        List<CompletableFuture<Void>> brokers = kafka.values().stream()
                .map(k -> CompletableFuture.runAsync(() -> ensureRunning(k))).toList();
        CompletableFuture.allOf(brokers.toArray(CompletableFuture[]::new)).join();
        if (security != null) {
            kafka.keySet().forEach(side -> provision(side, List.of(), List.of()));
        }
        createSampleTopic();
        List<CompletableFuture<Void>> workers = connect.stream()
                .map(c -> CompletableFuture.runAsync(() -> ensureRunning(c))).toList();
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        temporalUp.join();

        StackStatus status = status();
        writeStackJson(status);
        out.printf("local stack up in %.1f s, %d processes, %d MiB resident in total; %s%n",
                (System.nanoTime() - started) / 1e9, status.processes().size(), status.totalRssKib() / 1024,
                Optional.ofNullable(temporal.uiUrl()).map(u -> "Temporal UI: " + u)
                        .orElse("Temporal: " + TemporalServer.JAVA_TEST_SERVER + " at " + temporal.address() + ", no Web UI"));
        return status;
    }

    private List<Component> infrastructure() {
        List<Component> all = new ArrayList<>();
        all.add(temporal);
        all.addAll(kafka.values());
        all.addAll(connect);
        return all;
    }

    private void prepareFolders() {
        try {
            for (var dir : List.of(layout.run(), layout.logs(), layout.config(), layout.plugins(), layout.ledgers())) {
                Files.createDirectories(dir);
            }
            try (InputStream log4j = LocalStack.class.getResourceAsStream("/log4j2-stack.properties")) {
                Files.write(layout.config().resolve("log4j2.properties"), log4j.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + layout.root(), e);
        }
    }

    private void checkPorts(List<Component> components) {
        List<String> taken = new ArrayList<>();
        for (Component c : components) {
            if (supervisor.find(c.name()).isPresent()) {
                continue;
            }
            for (int port : c.ports()) {
                if (!Readiness.portFree(port)) {
                    taken.add("port " + port + " (for " + c.name() + ") is taken by " + PortOwner.describe(port));
                }
            }
        }
        if (!taken.isEmpty()) {
            throw new IllegalStateException(String.join("\n", taken) + "\nstop that process, or move the stack with "
                    + "KAFKADR_PORTS=\"name=port,...\" (names: " + LocalPorts.DEFAULTS.keySet() + ")");
        }
    }

    private void ensureRunning(Component c) {
        if (supervisor.find(c.name()).isEmpty()) {
            c.prepare();
            long pid = supervisor.start(c.name(), c.side(), c.command(), layout.log(c.name()));
            out.println("started " + c.name() + " (pid " + pid + ")");
        }
        Readiness.await(c.name(), c.startTimeout(), () -> c.ready() || exited(c), layout.log(c.name()).toString());
        if (supervisor.find(c.name()).isEmpty()) {
            throw new IllegalStateException(c.name() + " exited during start-up; see " + layout.log(c.name()));
        }
    }

    private boolean exited(Component c) {
        return supervisor.find(c.name()).isEmpty();
    }

    /** SCRAM users and ACLs of the secure stack on {@code side}: MM2's, the orchestrator's and {@code appUsers}'. */
    private void provision(String side, List<org.apache.kafka.common.acl.AclBinding> appAcls, List<String> appUsers) {
        try (Admin admin = Admin.create(kafka.get(side).adminProps())) {
            security.provision(admin, appAcls, appUsers);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the SCRAM users and ACLs on " + side + ": " + e.getMessage()
                    + "; see " + layout.log("kafka-" + side), e);
        }
    }

    /**
     * The client settings file of a sample app on the secure stack: its own principal (the app's
     * name), created on both clusters with only what it needs. Empty on the PLAINTEXT stack.
     */
    public Optional<java.nio.file.Path> appClientConfig(String app, String topic, String group) {
        if (security == null) {
            return Optional.empty();
        }
        List<org.apache.kafka.common.acl.AclBinding> acls = group == null ? LocalSecurity.producerAcls(app, topic)
                : LocalSecurity.consumerAcls(app, topic, group);
        for (String side : kafka.keySet()) {
            if (supervisor.find("kafka-" + side).isPresent()) {
                provision(side, acls, List.of(app));
            }
        }
        return Optional.of(security.clientConfig(app));
    }

    public Optional<LocalSecurity> security() {
        return Optional.ofNullable(security);
    }

    private void createSampleTopic() {
        try (Admin admin = Admin.create(kafka.get("primary").adminProps())) {
            NewTopic topic = new NewTopic(SAMPLE_TOPIC, SAMPLE_PARTITIONS, (short) 1)
                    .configs(Map.of("retention.ms", Long.toString(Duration.ofDays(7).toMillis())));
            admin.createTopics(List.of(topic)).all().get();
        } catch (Exception e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + SAMPLE_TOPIC + " on primary: " + e.getMessage(), e);
            }
        }
    }

    /** Creates {@code topic} on {@code side} unless it exists (partitions, replication factor 1). */
    public void ensureTopic(String side, String topic, int partitions) {
        try (Admin admin = Admin.create(adminProps(side))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            out.println("created topic " + topic + " (" + partitions + " partitions) on " + side);
        } catch (Exception e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + " on " + side + ": " + e.getMessage(), e);
            }
        }
    }

    public StackStatus status() {
        List<String> names = new ArrayList<>(infrastructure().stream().map(Component::name).toList());
        names.addAll(appNames());
        List<RunningProcess> running = supervisor.running(names);
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("temporal", temporal.address());
        Optional.ofNullable(temporal.uiUrl()).ifPresent(u -> endpoints.put("temporal-ui", u));
        kafka.forEach((side, k) -> endpoints.put("kafka-" + side, k.bootstrap()));
        connect.forEach(c -> endpoints.put(c.name(), c.url()));
        List<String> expected = infrastructure().stream().map(Component::name).toList();
        return new StackStatus(temporal.server(), endpoints, running, expected,
                security == null ? null : security.pairSecurity());
    }

    private List<String> appNames() {
        try (Stream<java.nio.file.Path> files = Files.list(layout.run())) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".side"))
                    .map(f -> f.substring(0, f.length() - ".side".length()))
                    .filter(n -> infrastructure().stream().noneMatch(c -> c.name().equals(n))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void writeStackJson(StackStatus status) {
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(layout.stackJson().toFile(), status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops apps first, then Connect, then the brokers, then Temporal; leaves no process. */
    public List<String> down() {
        List<String> stopped = new ArrayList<>();
        List<String> order = new ArrayList<>(appNames());
        connect.forEach(c -> order.add(c.name()));
        kafka.values().forEach(k -> order.add(k.name()));
        order.add(temporal.name());
        for (String name : order) {
            if (supervisor.stop(name, STOP_GRACE)) {
                stopped.add(name);
                out.println("stopped " + name);
            }
        }
        return stopped;
    }

    /** Deletes the stack's state (call after {@link #down()}); keeps the build stamp. */
    public void wipe() {
        for (var dir : List.of(layout.root().resolve("data"), layout.run(), layout.logs(), layout.ledgers(),
                layout.config(), layout.plugins(), layout.root().resolve("security"),
                // pairs registered on this stack name its endpoints and credentials, gone with it
                layout.root().resolve("pairs"))) {
            deleteTree(dir);
        }
        deleteTree(layout.stackJson());
    }

    private static void deleteTree(java.nio.file.Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<java.nio.file.Path> all = Files.walk(path)) {
            for (java.nio.file.Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /** A regional outage: kill -9 of every process of {@code side}, apps attached to it included. */
    public List<String> kill(String side) {
        List<String> killed = new ArrayList<>();
        for (RunningProcess p : status().processes()) {
            if (p.side().equals(side) && supervisor.kill(p.name())) {
                killed.add(p.name());
                out.println("killed -9 " + p.name() + " (pid " + p.pid() + ")");
            }
        }
        return killed;
    }

    /** Starts an app (sample producer/consumer, worker) unless it runs already. */
    public long startApp(JavaAppSpec spec) {
        JavaApp app = new JavaApp(spec.name(), spec.side(), spec.heap(), spec.classpath(), spec.mainClass(),
                spec.args(), layout, supervisor.marker(spec.name()));
        Optional<Long> running = supervisor.find(app.name());
        if (running.isPresent() && supervisor.side(app.name()).equals(app.side())) {
            out.println(app.name() + " already runs on " + app.side() + " (pid " + running.get() + ")");
            return running.get();
        }
        if (running.isPresent()) {
            out.println(app.name() + " runs on " + supervisor.side(app.name()) + ": moving it to " + app.side());
            supervisor.stop(app.name(), STOP_GRACE);
        }
        try {
            long pid = supervisor.start(app.name(), app.side(), app.command(), layout.log(app.name()));
            out.println("started " + app.name() + " (pid " + pid + ") on " + app.side() + "; log " + layout.log(app.name()));
            return pid;
        } catch (IllegalStateException e) {
            // Launched but gone at once (an app that refuses to start): its health check tells, not the launch.
            out.println(e.getMessage());
            return -1;
        }
    }

    /** A process that registers things at start-up can die of it: tell, with its log, if it did. */
    public boolean stillRunningAfter(String name, Duration grace) {
        Readiness.sleep(grace.toMillis());
        if (supervisor.find(name).isPresent()) {
            return true;
        }
        out.println(name + " exited during start-up; see " + layout.log(name));
        return false;
    }

    public boolean stopApp(String name) {
        boolean stopped = supervisor.stop(name, STOP_GRACE);
        out.println(stopped ? "stopped " + name : name + " was not running");
        return stopped;
    }

    public StackLayout layout() {
        return layout;
    }

    public String bootstrap(String side) {
        KafkaNode node = kafka.get(side);
        if (node == null) {
            throw new IllegalArgumentException("unknown cluster '" + side + "': use primary or secondary");
        }
        return node.bootstrap();
    }

    /** An admin client's settings for {@code side}: the broker's super user on the secure stack. */
    public Map<String, Object> adminProps(String side) {
        bootstrap(side);
        return kafka.get(side).adminProps();
    }

    /** Where the worker started by {@code drctl local start worker} serves {@code /metrics}. */
    public int workerMetricsPort() {
        return ports.get("worker-metrics");
    }

    public String temporalAddress() {
        return temporal.address();
    }
}
