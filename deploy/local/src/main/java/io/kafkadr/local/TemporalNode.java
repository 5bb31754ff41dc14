package io.kafkadr.local;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Temporal server: the Temporal CLI's dev server (SQLite under .local, so workflows survive
 * a restart; Web UI) when the {@code temporal} binary is installed, else the Java test server
 * of temporal-testing (in memory, no Web UI, no schedules, no visibility queries).
 */
final class TemporalNode implements Component {

    static final String CLI = "temporal-cli-dev-server";
    static final String JAVA_TEST_SERVER = "java-test-server";

    private final int port;
    private final int uiPort;
    private final StackLayout layout;
    private final String marker;
    private final Optional<Path> cli;

    TemporalNode(LocalPorts ports, StackLayout layout, String marker) {
        this.port = ports.get("temporal");
        this.uiPort = ports.get("temporal-ui");
        this.layout = layout;
        this.marker = marker;
        this.cli = findCli();
    }

    private static Optional<Path> findCli() {
        String explicit = System.getenv("KAFKADR_TEMPORAL_BIN");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "temporal");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Which server this stack runs. */
    String server() {
        return cli.isPresent() ? CLI : JAVA_TEST_SERVER;
    }

    /** The dev server is found by its database file, which is unique to this stack's folder. */
    String cliMarker() {
        return database().toString();
    }

    private Path database() {
        return layout.data("temporal").resolve("temporal.db");
    }

    @Override
    public String name() {
        return "temporal";
    }

    @Override
    public String side() {
        return "control";
    }

    @Override
    public List<Integer> ports() {
        return cli.isPresent() ? List.of(port, uiPort) : List.of(port);
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    String uiUrl() {
        return cli.isPresent() ? "http://127.0.0.1:" + uiPort : null;
    }

    @Override
    public void prepare() {
        try {
            Files.createDirectories(database().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> command() {
        if (cli.isEmpty()) {
            return JavaCommand.of(marker, "256m", Classpaths.own(), null, "io.temporal.testserver.TestServer",
                    List.of(Integer.toString(port)));
        }
        List<String> cmd = new ArrayList<>(List.of(cli.get().toString(), "server", "start-dev",
                "--ip", "127.0.0.1", "--port", Integer.toString(port), "--ui-port", Integer.toString(uiPort),
                "--db-filename", database().toString(), "--ui-disable-news-fetch", "--log-level", "warn"));
        for (String attribute : List.of("DrPair", "DrOperation", "DrPhase")) {
            cmd.add("--search-attribute");
            cmd.add(attribute + "=Keyword");
        }
        return cmd;
    }

    @Override
    public boolean ready() {
        WorkflowServiceStubs stubs = null;
        try {
            stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(address()).setRpcTimeout(Duration.ofSeconds(2)).build());
            return stubs.healthCheck().getStatus().name().equals("SERVING");
        } catch (RuntimeException e) {
            return false;
        } finally {
            if (stubs != null) {
                stubs.shutdownNow();
            }
        }
    }
}
