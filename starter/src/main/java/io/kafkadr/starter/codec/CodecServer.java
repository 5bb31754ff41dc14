package io.kafkadr.starter.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The Temporal UI's (and CLI's) remote codec endpoint: {@code POST <endpoint>/encode} and
 * {@code POST <endpoint>/decode} with {@code {"payloads":[...]}} (Temporal's JSON form of
 * {@code Payloads}) in and out.
 *
 * <p>Who may call: the bearer token ({@code Authorization: Bearer <token>}, as the Temporal CLI's
 * {@code --codec-auth} sends it), or, for a UI that cannot send headers of its own, the token as
 * the endpoint's path ({@code http://host:port/<token>}). Browsers may call from the one configured
 * UI origin only (CORS); a request from any other origin is refused. The namespace the UI names in
 * {@code X-Namespace} must be the one served.
 */
public final class CodecServer implements AutoCloseable {

    /** Largest request body accepted (the UI sends one page of a history's payloads). */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /**
     * @param uiOrigin the Temporal UI's origin, e.g. {@code https://temporal.example.com} or {@code http://127.0.0.1:8233}
     * @param namespace the namespace whose payloads this server encodes and decodes
     */
    public record Config(InetSocketAddress bind, String uiOrigin, String namespace, String token, PayloadCodec codec) {
        @Override
        public String toString() {
            return "Config[bind=" + bind + ", uiOrigin=" + uiOrigin + ", namespace=" + namespace + "]";
        }
    }

    private final Config config;
    private final HttpServer server;
    private final byte[] token;

    private CodecServer(Config config) throws IOException {
        this.config = config;
        this.token = config.token().getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(config.bind(), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public static CodecServer start(Config config) throws IOException {
        return new CodecServer(config);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String action = path.endsWith("/encode") ? "encode" : path.endsWith("/decode") ? "decode" : null;
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null && !origin.equals(config.uiOrigin())) {
                reply(exchange, 403, "origin " + origin + " may not call this codec server (it serves " + config.uiOrigin() + ")");
                return;
            }
            if (origin != null) {
                Headers h = exchange.getResponseHeaders();
                h.set("Access-Control-Allow-Origin", origin);
                h.set("Access-Control-Allow-Credentials", "true");
                h.set("Access-Control-Allow-Methods", "POST, OPTIONS");
                h.set("Access-Control-Allow-Headers", "Content-Type, X-Namespace, Authorization");
                h.set("Vary", "Origin");
            }
            if (action == null) {
                reply(exchange, 404, "POST to <endpoint>/encode or <endpoint>/decode");
                return;
            }
            if (exchange.getRequestMethod().equals("OPTIONS")) {
                exchange.sendResponseHeaders(204, -1); // preflight: browsers send no credentials with it
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
                reply(exchange, 405, "POST only");
                return;
            }
            if (!authorized(exchange, path.substring(0, path.length() - action.length() - 1))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                reply(exchange, 401, "a bearer token is required (Authorization: Bearer <token>, or the token as the endpoint's path)");
                return;
            }
            String namespace = exchange.getRequestHeaders().getFirst("X-Namespace");
            if (namespace == null || namespace.isBlank()) {
                reply(exchange, 400, "header X-Namespace is missing");
                return;
            }
            if (!namespace.equals(config.namespace())) {
                reply(exchange, 403, "namespace " + namespace + " is not served here (this codec server serves " + config.namespace() + ")");
                return;
            }
            Payloads in;
            try {
                in = parse(exchange.getRequestBody());
            } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                reply(exchange, 400, "the body is not {\"payloads\":[...]}: " + e.getMessage());
                return;
            }
            List<io.temporal.api.common.v1.Payload> out;
            try {
                out = action.equals("encode") ? config.codec().encode(in.getPayloadsList()) : config.codec().decode(in.getPayloadsList());
            } catch (PayloadCodecException e) {
                reply(exchange, 422, e.getMessage());
                return;
            }
            byte[] body = JsonFormat.printer().omittingInsignificantWhitespace()
                    .print(Payloads.newBuilder().addAllPayloads(out).build()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException | RuntimeException e) {
            System.err.println("codec server: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + " failed: " + e);
        }
    }

    private boolean authorized(HttpExchange exchange, String pathPrefix) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Bearer ")
                && MessageDigest.isEqual(token, auth.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        return pathPrefix.startsWith("/") && MessageDigest.isEqual(token, pathPrefix.substring(1).getBytes(StandardCharsets.UTF_8));
    }

    private static Payloads parse(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("larger than " + MAX_BODY_BYTES + " bytes");
        }
        Payloads.Builder payloads = Payloads.newBuilder();
        JsonFormat.parser().ignoringUnknownFields().merge(new String(bytes, StandardCharsets.UTF_8), payloads);
        return payloads.build();
    }

    private static void reply(HttpExchange exchange, int status, String message) {
        try {
            byte[] body = ("{\"error\":" + quote(message) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
