package io.kafkadr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.pair.PairRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API serves HTTPS from PEM files (certificate and PKCS#8 key), and nothing in plain HTTP then. */
class TlsTest {

    @Test
    void itServesHttpsOnlyWithTheGivenCertificate(@TempDir Path dir) throws Exception {
        HeldCertificate cert = new HeldCertificate.Builder().commonName("kafka-dr-api")
                .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost").build();
        Path certFile = Files.writeString(dir.resolve("cert.pem"), cert.certificatePem());
        Path keyFile = Files.writeString(dir.resolve("key.pem"), cert.privateKeyPkcs8Pem());
        char[] password = "changeit-test".toCharArray();
        TokenStore tokens = TokenStore.parse(List.of(TokenStore.line("t", EnumSet.of(Scope.READ), "kdr_x")), "test");
        try (IncidentApi api = new IncidentApi(new IncidentApi.Settings("127.0.0.1", 0, 1024,
                PemKeyStore.load(certFile, keyFile, password), password, null, "default"),
                new PairRegistry(List.of(dir)), tokens, null, new RateLimiter(10, 10, System::nanoTime),
                Clock.systemUTC(), Optional.empty(), new io.kafkadr.temporal.metrics.Metrics()).start()) {
            HttpClient trusting = HttpClient.newBuilder().sslContext(new HandshakeCertificates.Builder()
                    .addTrustedCertificate(cert.certificate()).build().sslContext()).build();
            HttpResponse<String> https = trusting.send(HttpRequest.newBuilder(URI.create("https://localhost:" + api.port()
                    + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, https.statusCode());
            assertTrue(https.body().contains("\"openapi\""));
            HttpResponse<String> noToken = trusting.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                    + api.port() + "/v1/pairs")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, noToken.statusCode());
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.port() + "/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString()), "plain HTTP on the TLS port");
        }
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedSayingHowToConvertIt(@TempDir Path dir) throws Exception {
        HeldCertificate cert = new HeldCertificate.Builder().rsa2048().build();
        Path certFile = Files.writeString(dir.resolve("cert.pem"), cert.certificatePem());
        Path keyFile = Files.writeString(dir.resolve("key.pem"), cert.privateKeyPkcs1Pem());
        var e = assertThrows(IllegalArgumentException.class, () -> PemKeyStore.load(certFile, keyFile, new char[] {'x'}));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }
}
