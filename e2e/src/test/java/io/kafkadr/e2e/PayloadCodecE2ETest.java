package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The payload codec on the local stack: the worker started with {@code --codec-keys-file}, drctl
 * with the same keys. Every history the Temporal server keeps, read with the Temporal CLI, holds
 * none of the pair's names or addresses; through {@code drctl codec-server} (the UI's remote codec
 * endpoint, here called by the CLI's {@code --codec-endpoint}, the same protocol) they decode.
 */
class PayloadCodecE2ETest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAIR = LocalPair.PAIR;
    /** What the local pair's runs carry in their inputs, results and heartbeats. */
    private static final List<String> KNOWN_PLAINTEXT = List.of("orders-app", "127.0.0.1:19092", "127.0.0.1:8083");
    private static final int CODEC_PORT = 18888;

    static Path dir;
    static Path keys;

    @BeforeAll
    static void stackWithCodec() throws Exception {
        dir = Files.createTempDirectory("codec-e2e");
        keys = dir.resolve("codec-keys");
        // as the README says: echo "2026-12:$(openssl rand -base64 32)" > codec-keys
        assertEquals(0, DrctlProcess.exec(List.of("bash", "-c", "echo \"2026-12:$(openssl rand -base64 32)\" > " + keys), 1).exitCode());
        assertEquals(0, DrctlProcess.run("local", "reset").exitCode());
        assertEquals(0, DrctlProcess.run("local", "up").exitCode());
        assertEquals(0, DrctlProcess.run("local", "start", "worker", "--codec-keys-file", keys.toString()).exitCode());
    }

    @AfterAll
    static void down() throws Exception {
        assertEquals(0, DrctlProcess.run("local", "down").exitCode());
        try (var files = Files.walk(dir)) { // the keys and the token
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void historiesHoldNoPlaintextAndDecodeThroughTheCodecServer() throws Exception {
        DrctlProcess.Result replicate = DrctlProcess.run("replicate", "--pair", PAIR, "--codec-keys-file", keys.toString());
        assertEquals(0, replicate.exitCode(), replicate.toString());
        DrctlProcess.Result status = DrctlProcess.run("status", "--pair", PAIR, "--json", "--codec-keys-file", keys.toString());
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.stdout().contains("secondary"), "the entity's state, decrypted by drctl: " + status.stdout());

        List<String[]> runs = runs();
        assertTrue(runs.size() >= 2, "the pair entity and the replication set-up: " + runs);
        int encrypted = 0;
        for (String[] run : runs) {
            String raw = show(run, List.of());
            PayloadTexts texts = PayloadTexts.of(JSON.readTree(raw));
            for (String plain : KNOWN_PLAINTEXT) {
                assertFalse(raw.contains(plain) || texts.data().contains(plain),
                        "'" + plain + "' readable in the history of " + run[0] + ":\n" + raw);
            }
            assertEquals(List.of(), texts.unencrypted(), "payloads of " + run[0] + " not encrypted");
            encrypted += texts.count();
        }
        assertTrue(encrypted > 10, "encrypted payloads seen: " + encrypted);

        File out = dir.resolve("codec-server.out").toFile();
        File err = dir.resolve("codec-server.err").toFile();
        Path tokenFile = dir.resolve("codec-token");
        assertEquals(0, DrctlProcess.exec(List.of("bash", "-c", "openssl rand -hex 24 > " + tokenFile), 1).exitCode());
        String token = Files.readString(tokenFile).strip();
        Process server = DrctlProcess.start(out, err, "codec-server", "--port", Integer.toString(CODEC_PORT),
                "--ui-origin", "http://127.0.0.1:8233", "--token-file", tokenFile.toString(),
                "--codec-keys-file", keys.toString());
        try {
            awaitPort(CODEC_PORT, server, err);
            StringBuilder decoded = new StringBuilder();
            for (String[] run : runs) {
                String shown = show(run, List.of("--codec-endpoint", "http://127.0.0.1:" + CODEC_PORT,
                        "--codec-auth", "Bearer " + token));
                PayloadTexts texts = PayloadTexts.of(JSON.readTree(shown));
                assertEquals(0, texts.count() - texts.unencrypted().size(), "still encrypted through the codec server: " + run[0]);
                decoded.append(shown).append(texts.data());
            }
            for (String plain : List.of("orders-app", "127.0.0.1:19092")) {
                assertTrue(decoded.toString().contains(plain), "'" + plain + "' not in the decoded histories");
            }
            DrctlProcess.Result wrongToken = DrctlProcess.exec(List.of("temporal", "workflow", "show", "--address", "127.0.0.1:7233",
                    "-w", runs.get(0)[0], "-o", "json", "--codec-endpoint", "http://127.0.0.1:" + CODEC_PORT,
                    "--codec-auth", "Bearer wrong-token"), 1);
            assertNotEquals(0, wrongToken.exitCode(), "decoded without the token: " + wrongToken);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Every workflow run on the stack's Temporal: {workflowId, runId}. */
    private static List<String[]> runs() throws Exception {
        DrctlProcess.Result list = DrctlProcess.exec(List.of("temporal", "workflow", "list", "--address", "127.0.0.1:7233",
                "-o", "json"), 1);
        assertEquals(0, list.exitCode(), list.toString());
        List<String[]> runs = new ArrayList<>();
        for (JsonNode r : JSON.readTree(list.stdout())) {
            runs.add(new String[] {r.path("execution").path("workflowId").asText(), r.path("execution").path("runId").asText()});
        }
        return runs;
    }

    private static String show(String[] run, List<String> extra) {
        List<String> cmd = new ArrayList<>(List.of("temporal", "workflow", "show", "--address", "127.0.0.1:7233",
                "-w", run[0], "-r", run[1], "-o", "json"));
        cmd.addAll(extra);
        DrctlProcess.Result shown = DrctlProcess.exec(cmd, 1);
        assertEquals(0, shown.exitCode(), shown.toString());
        return shown.stdout();
    }

    /** The payloads of a history as the CLI prints them ({metadata: {encoding: base64}, data: base64}). */
    record PayloadTexts(int count, List<String> unencrypted, String data) {
        static PayloadTexts of(JsonNode history) {
            List<JsonNode> payloads = new ArrayList<>();
            collect(history, payloads);
            List<String> unencrypted = new ArrayList<>();
            StringBuilder data = new StringBuilder();
            for (JsonNode p : payloads) {
                String encoding = new String(Base64.getDecoder().decode(p.path("metadata").path("encoding").asText()),
                        StandardCharsets.UTF_8);
                if (!encoding.equals("binary/encrypted")) {
                    unencrypted.add(encoding);
                }
                data.append(new String(Base64.getDecoder().decode(p.path("data").asText("")), StandardCharsets.UTF_8)).append('\n');
            }
            return new PayloadTexts(payloads.size(), unencrypted, data.toString());
        }

        private static void collect(JsonNode node, List<JsonNode> into) {
            if (node.isObject() && node.has("metadata") && node.path("metadata").has("encoding")) {
                into.add(node);
                return;
            }
            // Not encoded, by design: search attributes (DrPair, DrOperation, DrPhase), which the server
            // indexes, and the SDK's own fields of a marker (a version's change id, a local activity's id
            // and type), which the SDK writes with its standard converter; a marker's data, a local
            // activity's input and result are encoded.
            if (node.has("markerName")) {
                for (String encoded : List.of("data", "input", "result")) {
                    collect(node.path("details").path(encoded), into);
                }
                collect(node.path("failure"), into);
                return;
            }
            node.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("searchAttributes")) {
                    collect(f.getValue(), into);
                }
            });
            if (node.isArray()) {
                node.forEach(child -> collect(child, into));
            }
        }
    }

    private static void awaitPort(int port, Process server, File err) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), "drctl codec-server exited: " + Files.readString(err.toPath()));
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(300);
            }
        }
        throw new AssertionError("drctl codec-server did not listen on " + port + ": " + Files.readString(err.toPath()));
    }
}
