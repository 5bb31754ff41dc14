package io.kafkadr.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft cluster (broker and controller in one JVM), sized for one laptop: every
 * internal topic has replication factor 1.
 */
final class KafkaNode extends PropertiesNode {

    private final int port;
    private final int controllerPort;

    /** {@code null}: PLAINTEXT. */
    private final LocalSecurity security;

    KafkaNode(String side, LocalPorts ports, StackLayout layout, String marker, LocalSecurity security) {
        super("kafka-" + side, side, layout, marker);
        this.security = security;
        this.port = ports.get(name);
        this.controllerPort = ports.get(name + "-controller");
    }

    @Override
    public List<Integer> ports() {
        return List.of(port, controllerPort);
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void prepare() {
        Path data = layout.data(name);
        List<String> lines = new java.util.ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "log.dirs=" + data,
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.segment.bytes=67108864"));
        lines.addAll(security != null ? security.brokerProperties(port, controllerPort) : List.of(
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"));
        writeProperties(lines.toArray(String[]::new));
        try {
            if (!Files.exists(data.resolve("meta.properties"))) {
                format();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + name, e);
        }
    }

    private void format() throws IOException {
        List<String> cmd = JavaCommand.of(marker + "-format", "256m", Classpaths.own(), log4j(), "kafka.tools.StorageTool",
                formatArguments());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log(name).toFile())).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("formatting " + name + " storage failed; see " + layout.log(name));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting " + name);
        }
    }

    private List<String> formatArguments() {
        List<String> args = new java.util.ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c",
                properties().toString()));
        if (security != null) {
            args.addAll(security.formatArguments());
        }
        return args;
    }

    /** Settings of an admin client of the stack itself (the broker's super user on a secure stack). */
    java.util.Map<String, Object> adminProps() {
        java.util.Map<String, Object> props = new java.util.HashMap<>();
        props.put("bootstrap.servers", bootstrap());
        if (security != null) {
            props.putAll(security.clientProps(LocalSecurity.BROKER));
        }
        return props;
    }

    @Override
    public List<String> command() {
        return JavaCommand.of(marker, "512m", Classpaths.own(), log4j(), "kafka.Kafka", List.of(properties().toString()));
    }

    @Override
    public boolean ready() {
        return Readiness.kafka(adminProps());
    }
}
