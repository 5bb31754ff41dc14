package io.kafkadr.local;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Temporal server: the Temporal CLI's dev server (SQLite under .local, so workflows survive
 * a restart; Web UI) when a working {@code temporal} binary was found or installed (see
 * {@link TemporalCliPolicy}), else the Java test server of temporal-testing (in memory, no Web
 * UI, no schedules, no visibility queries).
 */
final class TemporalNode implements Component {

    private final int port;
    private final int uiPort;
    private final StackLayout layout;
    private final String marker;
    private final TemporalServer server;

    TemporalNode(LocalPorts ports, StackLayout layout, String marker, TemporalServer server) {
        this.port = ports.get("temporal");
        this.uiPort = ports.get("temporal-ui");
        this.layout = layout;
        this.marker = marker;
        this.server = server;
    }

    /** Which server this stack runs. */
    String server() {
        return server.kind();
    }

    /** The dev server is found by its database file, which is unique to this stack's folder. */
    static String cliMarker(StackLayout layout) {
        return database(layout).toString();
    }

    private static Path database(StackLayout layout) {
        return layout.data("temporal").resolve("temporal.db");
    }

    private Path database() {
        return database(layout);
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
        return server.isCli() ? List.of(port, uiPort) : List.of(port);
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    String uiUrl() {
        return server.isCli() ? "http://127.0.0.1:" + uiPort : null;
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
        if (!server.isCli()) {
            return JavaCommand.of(marker, "256m", Classpaths.own(), null, "io.temporal.testserver.TestServer",
                    List.of(Integer.toString(port)));
        }
        Path cli = server.cli().orElseThrow(() -> new IllegalStateException(
                "the Temporal dev server stopped while drctl started the stack; run `drctl local up` again"));
        List<String> cmd = new ArrayList<>(List.of(cli.toString(), "server", "start-dev",
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
