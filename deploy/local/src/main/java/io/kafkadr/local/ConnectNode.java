package io.kafkadr.local;

import java.util.List;

/**
 * One worker of a distributed Kafka Connect group that lives next to (and writes into) the
 * cluster of its side, with MM2 on its plugin path.
 */
final class ConnectNode extends PropertiesNode {

    private final int restPort;
    private final String bootstrap;

    /** {@code null}: PLAINTEXT. */
    private final LocalSecurity security;

    ConnectNode(String side, int index, LocalPorts ports, String bootstrap, StackLayout layout, String marker,
                LocalSecurity security) {
        super("connect-" + side + "-" + index, side, layout, marker);
        this.security = security;
        this.restPort = ports.get(name);
        this.bootstrap = bootstrap;
    }

    @Override
    public List<Integer> ports() {
        return List.of(restPort);
    }

    String url() {
        return "http://127.0.0.1:" + restPort;
    }

    @Override
    public void prepare() {
        // Internal topics end in .internal, which MM2 never mirrors. offset.flush.interval.ms stays at
        // Connect's default (60 s), as users run it: kafka-dr reads how far MM2 has copied off the
        // copies' provenance, never waits for the flush. A short rebalance delay keeps a drill from
        // waiting on Connect's production default (5 min) when a worker dies.
        List<String> lines = new java.util.ArrayList<>(List.of(
                "bootstrap.servers=" + bootstrap,
                "group.id=connect-" + side,
                "config.storage.topic=connect-configs." + side + ".internal",
                "offset.storage.topic=connect-offsets." + side + ".internal",
                "status.storage.topic=connect-status." + side + ".internal",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "offset.storage.partitions=5",
                "status.storage.replication.factor=1",
                "status.storage.partitions=1",
                "key.converter=org.apache.kafka.connect.converters.ByteArrayConverter",
                "value.converter=org.apache.kafka.connect.converters.ByteArrayConverter",
                "listeners=http://127.0.0.1:" + restPort,
                "rest.advertised.host.name=127.0.0.1",
                "rest.advertised.port=" + restPort,
                "plugin.path=" + layout.plugins(),
                // Connect's own advice at start-up ("All plugins have ServiceLoader manifests, consider
                // reconfiguring plugin.discovery=service_load", KIP-898): skips the reflection scan of the
                // plugin path and classpath, 18 s of CPU per worker on two cores; kafka-dr's plugin jar
                // ships its manifests, so it loads in either mode
                "plugin.discovery=service_load",
                "scheduled.rebalance.max.delay.ms=10000",
                "task.shutdown.graceful.timeout.ms=5000"));
        if (security != null) {
            lines.addAll(security.connectProperties());
        }
        writeProperties(lines.toArray(String[]::new));
    }

    @Override
    public List<String> command() {
        return JavaCommand.of(marker, "320m", Classpaths.connectWorker(), log4j(),
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(properties().toString()));
    }

    @Override
    public boolean ready() {
        return Readiness.http(url() + "/connectors");
    }
}
