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
final class KafkaNode implements Component {

    private final String name;
    private final String side;
    private final int port;
    private final int controllerPort;
    private final StackLayout layout;
    private final String marker;

    KafkaNode(String side, LocalPorts ports, StackLayout layout, String marker) {
        this.name = "kafka-" + side;
        this.side = side;
        this.port = ports.get(name);
        this.controllerPort = ports.get(name + "-controller");
        this.layout = layout;
        this.marker = marker;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String side() {
        return side;
    }

    @Override
    public List<Integer> ports() {
        return List.of(port, controllerPort);
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    private Path properties() {
        return layout.config().resolve(name + ".properties");
    }

    @Override
    public void prepare() {
        Path data = layout.data(name);
        String props = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
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
                "log.segment.bytes=67108864",
                "") ;
        try {
            Files.createDirectories(layout.config());
            Files.writeString(properties(), props);
            if (!Files.exists(data.resolve("meta.properties"))) {
                format();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + name, e);
        }
    }

    private void format() throws IOException {
        List<String> cmd = JavaCommand.of(marker + "-format", "256m", Classpaths.own(), log4j(), "kafka.tools.StorageTool",
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", properties().toString()));
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

    private Path log4j() {
        return layout.config().resolve("log4j2.properties");
    }

    @Override
    public List<String> command() {
        return JavaCommand.of(marker, "512m", Classpaths.own(), log4j(), "kafka.Kafka", List.of(properties().toString()));
    }

    @Override
    public boolean ready() {
        return Readiness.kafka(bootstrap());
    }
}
