package io.kafkadr.starter.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.kafkadr.starter.Drctl;
import io.kafkadr.temporal.codec.AesGcmPayloadCodec;
import io.kafkadr.temporal.codec.CodecKeyring;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drctl codec-server}'s HTTP contract, over HTTP, as the Temporal UI and CLI call it. */
class CodecServerTest {

    private static final String TOKEN = "codec-token-0123456789";
    private static final String UI = "http://127.0.0.1:8233";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static String keys;
    static AesGcmPayloadCodec codec;
    static CodecServer server;

    @BeforeAll
    static void start() throws Exception {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        keys = "k1:" + Base64.getEncoder().encodeToString(k);
        codec = new AesGcmPayloadCodec(CodecKeyring.parse(keys, "test"));
        server = CodecServer.start(new CodecServer.Config(new InetSocketAddress("127.0.0.1", 0), UI, "default", TOKEN, codec));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Payload plain(String value) {
        return DataConverter.getDefaultInstance().toPayload(value).orElseThrow();
    }

    private static String body(List<Payload> payloads) throws Exception {
        return JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(payloads).build());
    }

    private static HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder authorized(String path, String body) {
        return post(path, body).header("Authorization", "Bearer " + TOKEN).header("X-Namespace", "default");
    }

    @Test
    void decodesWhatTheWorkerEncryptedAndEncodesBack() throws Exception {
        List<Payload> encrypted = codec.encode(List.of(plain("orders-dr")));
        HttpResponse<String> decoded = send(authorized("/decode", body(encrypted)).header("Origin", UI));
        assertEquals(200, decoded.statusCode(), decoded.body());
        assertEquals(UI, decoded.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        Payloads out = parse(decoded.body());
        assertEquals("orders-dr", DataConverter.getDefaultInstance().fromPayload(out.getPayloads(0), String.class, String.class));

        HttpResponse<String> encoded = send(authorized("/encode", body(List.of(plain("orders-dr")))));
        assertEquals(200, encoded.statusCode(), encoded.body());
        Payload back = parse(encoded.body()).getPayloads(0);
        assertEquals("binary/encrypted", back.getMetadataOrThrow("encoding").toStringUtf8());
        assertEquals(plain("orders-dr"), codec.decode(List.of(back)).get(0));
    }

    private static Payloads parse(String json) throws Exception {
        Payloads.Builder b = Payloads.newBuilder();
        JsonFormat.parser().merge(json, b);
        return b.build();
    }

    @Test
    void theTokenIsRequiredInTheHeaderOrAsTheEndpointPath() throws Exception {
        String body = body(codec.encode(List.of(plain("x"))));
        assertEquals(401, send(post("/decode", body).header("X-Namespace", "default")).statusCode());
        HttpResponse<String> wrong = send(post("/decode", body).header("X-Namespace", "default")
                .header("Authorization", "Bearer not-the-token"));
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("bearer token is required"), wrong.body());
        assertEquals(401, send(post("/not-the-token/decode", body).header("X-Namespace", "default")).statusCode());
        assertEquals(200, send(post("/" + TOKEN + "/decode", body).header("X-Namespace", "default")).statusCode());
    }

    @Test
    void corsOnlyForTheConfiguredUiOrigin() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/decode"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", UI)
                .header("Access-Control-Request-Method", "POST"));
        assertEquals(204, preflight.statusCode());
        assertEquals(UI, preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().contains("X-Namespace"));

        HttpResponse<String> evil = send(authorized("/decode", body(codec.encode(List.of(plain("x"))))).header("Origin", "https://evil.example"));
        assertEquals(403, evil.statusCode());
        assertFalse(evil.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        assertFalse(evil.body().contains("payloads"), evil.body());
    }

    @Test
    void theNamespaceMustBeTheOneServed() throws Exception {
        String body = body(codec.encode(List.of(plain("x"))));
        HttpResponse<String> other = send(post("/decode", body).header("Authorization", "Bearer " + TOKEN).header("X-Namespace", "payments"));
        assertEquals(403, other.statusCode());
        assertTrue(other.body().contains("namespace payments is not served here"), other.body());
        assertEquals(400, send(post("/decode", body).header("Authorization", "Bearer " + TOKEN)).statusCode());
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        HttpResponse<String> junk = send(authorized("/decode", "not json"));
        assertEquals(400, junk.statusCode());
        byte[] other = new byte[32];
        Payload foreign = new AesGcmPayloadCodec(CodecKeyring.parse("k7:" + Base64.getEncoder().encodeToString(other), "x"))
                .encode(List.of(plain("x"))).get(0);
        HttpResponse<String> unknownKey = send(authorized("/decode", body(List.of(foreign))));
        assertEquals(422, unknownKey.statusCode());
        JsonNode error = JSON.readTree(unknownKey.body());
        assertTrue(error.path("error").asText().contains("'k7', which is not in the keyring [k1]"), unknownKey.body());
        assertEquals(404, send(authorized("/other", "{}")).statusCode());
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/decode")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
    }

    @Test
    void theCommandRefusesToStartWithoutKeysTokenOrOrigin(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("keys");
        Files.writeString(keyFile, keys);
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN);
        assertRefused("no payload keys", "codec-server", "--ui-origin", UI, "--token-file", tokenFile.toString());
        assertRefused("--token-file " + dir.resolve("missing") + ": cannot read", "codec-server", "--ui-origin", UI,
                "--codec-keys-file", keyFile.toString(), "--token-file", dir.resolve("missing").toString());
        Path shortToken = dir.resolve("short");
        Files.writeString(shortToken, "abc");
        assertRefused("bearer token of at least 16 characters", "codec-server", "--ui-origin", UI,
                "--codec-keys-file", keyFile.toString(), "--token-file", shortToken.toString());
        assertRefused("is not an origin", "codec-server", "--ui-origin", UI + "/namespaces", "--codec-keys-file", keyFile.toString(),
                "--token-file", tokenFile.toString());
    }

    private static void assertRefused(String expected, String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        int code;
        try {
            code = Drctl.execute(args);
        } finally {
            System.setErr(saved);
        }
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains(expected), err.toString());
    }
}
