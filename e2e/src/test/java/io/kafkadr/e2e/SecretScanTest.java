package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner the secure e2e relies on finds what is planted, wherever and however it is encoded. */
class SecretScanTest {

    private static final String PASSWORD = "Zk3-planted_pw42";

    @Test
    void findsAPlantedPasswordInTextFilesAndBase64JsonPayloads(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("security"));
        Files.writeString(dir.resolve("logs/worker.log"), "clean\nline\n");
        Files.writeString(dir.resolve("security/mm2.properties"), "password=" + PASSWORD);
        SecretScan clean = new SecretScan(Map.of("mm2", PASSWORD)).tree(dir, Set.of(dir.resolve("security")))
                .text("connector config", "password=\"${file:/s/mm2.properties:password}\"");
        assertEquals(List.of(), clean.hits(), "a reference is no secret; the secrets' own folder is skipped");

        Files.writeString(dir.resolve("logs/worker.log"), "oops " + PASSWORD + "\n", java.nio.file.StandardOpenOption.APPEND);
        String payload = Base64.getEncoder().encodeToString(("{\"jaas\":\"password=\\\"" + PASSWORD + "\\\"\"}")
                .getBytes(StandardCharsets.UTF_8));
        SecretScan planted = new SecretScan(Map.of("mm2", PASSWORD)).tree(dir, Set.of(dir.resolve("security")))
                .json("history wf-1", new ObjectMapper().readTree("{\"payloads\":[{\"data\":\"" + payload + "\"}]}"));

        assertEquals(List.of(dir.resolve("logs/worker.log") + ": secret mm2", "history wf-1 (base64): secret mm2"),
                planted.hits());
    }

    @Test
    void refusesSecretsTooShortToSearchFor() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SecretScan(Map.of("x", "abc")))
                .getMessage().contains("secret x is too short"));
    }
}
