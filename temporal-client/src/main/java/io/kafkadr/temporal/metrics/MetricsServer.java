package io.kafkadr.temporal.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} on a port of its own, for a process without a web framework (the worker):
 * the JDK's HTTP server, one thread, the text exposition format. Anything else is a 404; a method
 * other than GET or HEAD a 405.
 */
public final class MetricsServer implements AutoCloseable {

    /** The worker's default metrics port (0 turns the endpoint off). */
    public static final int DEFAULT_PORT = 9464;
    public static final String PATH = "/metrics";
    /** Prometheus's text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves {@code scrape} on {@code host:port} (port 0: any free one, see {@link #port()}).
     *
     * @throws IllegalArgumentException when the port cannot be bound, naming it and the option to change
     */
    public static MetricsServer start(String host, int port, Supplier<String> scrape) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve metrics on " + host + ":" + port + " (" + e.getMessage()
                    + "): another process holds the port; choose another with --metrics-port, or 0 for no metrics", e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                respond(exchange, scrape);
            }
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsServer(server, executor);
    }

    private static void respond(HttpExchange exchange, Supplier<String> scrape) throws IOException {
        String method = exchange.getRequestMethod();
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found: metrics are at " + PATH + "\n", method);
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "use GET " + PATH + "\n", method);
        } else {
            send(exchange, 200, CONTENT_TYPE, scrape.get(), method);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body, String method)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
