package io.kafkadr.activities.secrets;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static io.kafkadr.activities.TestAsserts.assertNotContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {

    private static final String PASSWORD = "s3cret-pw";
    private static final String GOOD_JSON = "{\"username\": \"mm2-user\", \"password\": \"" + PASSWORD + "\"}";

    private final SecretResolver resolver = new SecretResolver(Map.of(
            "MSK_CREDS", GOOD_JSON,
            "TRUNCATED", "{\"username\": \"mm2-user\", \"password\": \"" + PASSWORD,
            "NO_PASSWORD", "{\"username\": \"mm2-user\", \"pass\": \"" + PASSWORD + "\"}")::get);

    @Test
    void envReferenceIsResolved() {
        assertEquals(new Credentials("mm2-user", PASSWORD), resolver.resolve("env:MSK_CREDS"));
    }

    @Test
    void fileReferenceIsResolved(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("creds.json"), GOOD_JSON);

        assertEquals(new Credentials("mm2-user", PASSWORD), resolver.resolve("file:" + file));
    }

    @Test
    void missingEnvVarIsNamedWithoutAnySecret() {
        String message = failure("env:MSK_CREDZ");

        assertContains(message, "environment variable MSK_CREDZ is not set");
        assertNotContains(message, PASSWORD);
    }

    @Test
    void malformedJsonIsNotEchoed() {
        String message = failure("env:TRUNCATED");

        assertContains(message, "secret reference env:TRUNCATED: expected JSON with \"username\" and \"password\"");
        assertNotContains(message, PASSWORD);
        assertNotContains(message, "mm2-user");
    }

    @Test
    void jsonWithoutPasswordIsRejectedWithoutEcho() {
        String message = failure("env:NO_PASSWORD");

        assertContains(message, "expected JSON with \"username\" and \"password\"");
        assertNotContains(message, PASSWORD);
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("absent.json");

        String message = failure("file:" + file);

        assertContains(message, "cannot read " + file);
        assertContains(message, "NoSuchFileException");
    }

    @Test
    void unsupportedSchemeIsRejected() {
        assertContains(failure("vault:secret/kafka"), "this worker resolves env:, file: and aws-secretsmanager: references");
    }

    @Test
    void awsSecretsManagerIsReadThroughItsSource() {
        SecretResolver aws = new SecretResolver(name -> null,
                arn -> "{\"username\": \"u\", \"password\": \"p\"}", System::nanoTime);
        assertEquals("u", aws.resolve("aws-secretsmanager:arn:aws:secretsmanager:eu-west-1:123:secret:msk").username());
    }

    private String failure(String ref) {
        return assertThrows(IllegalArgumentException.class, () -> resolver.resolve(ref)).getMessage();
    }
}
