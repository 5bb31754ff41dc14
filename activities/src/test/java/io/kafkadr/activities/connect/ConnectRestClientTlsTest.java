package io.kafkadr.activities.connect;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static io.kafkadr.activities.TestAsserts.assertNotContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.activities.secrets.SecretResolver;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.ConnectEndpoint;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connect REST over https with the cluster's own CA and basic auth, against MockWebServer
 * serving certificates of test CAs (okhttp-tls).
 */
class ConnectRestClientTlsTest {

    private static final String CONNECTOR = "mm2-local-primary-to-secondary-source";
    private static final String PASSWORD = "c0nnect-s3cret";
    private static final String STATUS = "{\"name\":\"" + CONNECTOR + "\",\"connector\":{\"state\":\"RUNNING\"},\"tasks\":[]}";
    private static final HeldCertificate CA = MockConnect.ca("kafka-dr test CA");
    private static final HeldCertificate OTHER_CA = MockConnect.ca("someone else's CA");

    @TempDir
    Path dir;

    private final ConnectRestClient client = new ConnectRestClient(new SecretResolver(Map.of(
            "CONNECT_LOGIN", "{\"username\": \"kafka-dr\", \"password\": \"" + PASSWORD + "\"}")::get));
    private MockConnect connect;

    @AfterEach
    void stop() {
        if (connect != null) {
            connect.close();
        }
    }

    @Test
    void httpsWithTheClustersCaSendsTheLoginOfItsSecretReference() throws Exception {
        connect = new MockConnect(MockConnect.serverCertificate(CA));
        connect.respond(200, STATUS);

        assertTrue(client.status(connect.endpoint(caFile(CA), "env:CONNECT_LOGIN"), CONNECTOR).isPresent());

        RecordedRequest request = connect.take();
        assertNotNull(request.getHandshake(), "the request went over TLS");
        assertEquals(Credentials.basic("kafka-dr", PASSWORD), request.getHeaders().get("Authorization"));
    }

    @Test
    void aCaFileWithSeveralCertificatesTrustsEachOfThem() throws Exception {
        Path both = dir.resolve("bundle.pem");
        Files.writeString(both, OTHER_CA.certificatePem() + CA.certificatePem());
        connect = new MockConnect(MockConnect.serverCertificate(CA));
        connect.respond(200, STATUS);

        assertTrue(client.status(connect.endpoint(both.toString(), null), CONNECTOR).isPresent());
    }

    @Test
    void aCertificateTheClustersCaDidNotSignIsRefusedWithoutRetryAndSaysWhatToFix() throws Exception {
        connect = new MockConnect(MockConnect.serverCertificate(OTHER_CA));
        String ca = caFile(CA);

        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> client.status(connect.endpoint(ca, "env:CONNECT_LOGIN"), CONNECTOR));

        assertEquals(ConnectRestException.MISCONFIGURED, e.status());
        assertFalse(e.retryable());
        assertContains(e.getMessage(), "GET /connectors/" + CONNECTOR + "/status: the worker does not trust the "
                + "certificate of Connect at " + connect.url());
        assertContains(e.getMessage(), "the CA in cluster 'secondary' connectTls.caFile (" + ca + ") did not sign it");
        assertEquals(0, connect.requestCount(), "nothing, no login, was sent to a server the worker does not trust");
        assertNonRetryableFailure(e);
    }

    @Test
    void withoutACaFileAPrivateCaIsNotTrustedAndTheMessageSaysToGiveIt() {
        connect = new MockConnect(MockConnect.serverCertificate(CA));

        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> client.status(connect.endpoint(), CONNECTOR));

        assertFalse(e.retryable());
        assertContains(e.getMessage(), "set cluster 'secondary' connectTls.caFile to the PEM file of the CA that signed it");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedWithoutRetry() throws Exception {
        HeldCertificate elsewhere = new HeldCertificate.Builder().commonName("connect")
                .addSubjectAlternativeName("connect.elsewhere.example").signedBy(CA).build();
        connect = new MockConnect(elsewhere);

        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> client.status(connect.endpoint(caFile(CA), null), CONNECTOR));

        assertFalse(e.retryable());
        assertContains(e.getMessage(), "Connect's certificate is not valid for host 'localhost'");
    }

    @Test
    void httpsToAPlainHttpConnectSaysItDoesNotSpeakTls() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // as Jetty does to a TLS hello on a plain listener: an HTTP answer
            Thread answering = new Thread(() -> {
                try (Socket s = plain.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test fails on what the client saw
                }
            });
            answering.start();
            String https = "https://127.0.0.1:" + plain.getLocalPort() + "/";

            ConnectRestException e = assertThrows(ConnectRestException.class,
                    () -> client.status(new ConnectEndpoint("secondary", https, caFile(CA), null), CONNECTOR));

            assertFalse(e.retryable(), e.getMessage());
            assertContains(e.getMessage(), "does not speak TLS");
            assertContains(e.getMessage(), "use an http:// cluster 'secondary' connectUrl");
            answering.join(5_000);
        }
    }

    @Test
    void unauthorizedSaysToCheckTheCredentialsAndIsNotRetried() throws Exception {
        ConnectRestException e = statusWithLoginFails(401,
                "{\"error_code\":401,\"message\":\"User cannot access the resource.\"}");

        assertEquals(401, e.status());
        assertFalse(e.retryable());
        assertContains(e.getMessage(), "failed with HTTP 401: User cannot access the resource. (Connect refused the "
                + "login: check the username and password that cluster 'secondary' connectAuth.secretRef "
                + "'env:CONNECT_LOGIN' holds)");
        assertNotContains(e.getMessage(), PASSWORD);
        assertNonRetryableFailure(e);
    }

    @Test
    void unauthorizedWithoutALoginSaysToGiveOne() {
        connect = new MockConnect();
        connect.respond(401, "{\"error_code\":401,\"message\":\"Credentials are required\"}");

        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> client.status(connect.endpoint(), CONNECTOR));

        assertContains(e.getMessage(), "Connect's REST API asks for a login: give cluster 'secondary' "
                + "connectAuth.secretRef");
    }

    @Test
    void forbiddenSaysTheUserIsNotAllowed() throws Exception {
        ConnectRestException e = statusWithLoginFails(403, "{\"error_code\":403,\"message\":\"Forbidden\"}");

        assertFalse(e.retryable());
        assertContains(e.getMessage(), "Connect's REST API refuses this user");
    }

    @Test
    void anUnreadableCaFileIsNotRetriedAndNamesTheField() {
        connect = new MockConnect(MockConnect.serverCertificate(CA));
        String missing = dir.resolve("no-such-ca.pem").toString();

        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> client.status(connect.endpoint(missing, null), CONNECTOR));

        assertEquals(ConnectRestException.MISCONFIGURED, e.status());
        assertContains(e.getMessage(), "cluster 'secondary' connectTls.caFile " + missing
                + ": cannot read it on the worker (NoSuchFileException)");
        assertNonRetryableFailure(e);
    }

    @Test
    void aCaFileWithoutCertificatesIsNotRetriedAndSaysWhatItMustHold() throws Exception {
        connect = new MockConnect(MockConnect.serverCertificate(CA));
        Path key = dir.resolve("key.pem");
        Files.writeString(key, CA.privateKeyPkcs8Pem());

        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> client.status(connect.endpoint(key.toString(), null), CONNECTOR));

        assertFalse(e.retryable());
        assertContains(e.getMessage(), "cluster 'secondary' connectTls.caFile " + key + ": not a PEM file of CA "
                + "certificates");
        assertNotContains(e.getMessage(), "PRIVATE KEY");
    }

    @Test
    void anUnresolvableSecretReferenceIsNotRetriedAndNamesTheField() {
        connect = new MockConnect();

        ConnectRestException e = assertThrows(ConnectRestException.class,
                () -> client.status(connect.endpoint(null, "env:NOT_SET"), CONNECTOR));

        assertEquals(ConnectRestException.MISCONFIGURED, e.status());
        assertContains(e.getMessage(), "cluster 'secondary' connectAuth.secretRef: secret reference env:NOT_SET: "
                + "environment variable NOT_SET is not set on the worker");
        assertEquals(0, connect.requestCount());
    }

    @Test
    void aCaFileReplacedOnDiskIsReadAgain() throws Exception {
        connect = new MockConnect(MockConnect.serverCertificate(CA));
        Path ca = Path.of(caFile(OTHER_CA));
        assertThrows(ConnectRestException.class, () -> client.status(connect.endpoint(ca.toString(), null), CONNECTOR));

        Files.writeString(ca, CA.certificatePem());
        Files.setLastModifiedTime(ca, FileTime.from(Instant.now().plusSeconds(60)));
        connect.respond(200, STATUS);

        assertTrue(client.status(connect.endpoint(ca.toString(), null), CONNECTOR).isPresent());
    }

    /** A status call over https with the cluster's CA and login, answered with {@code code}. */
    private ConnectRestException statusWithLoginFails(int code, String body) throws IOException {
        connect = new MockConnect(MockConnect.serverCertificate(CA));
        connect.respond(code, body);
        ConnectEndpoint endpoint = connect.endpoint(caFile(CA), "env:CONNECT_LOGIN");
        return assertThrows(ConnectRestException.class, () -> client.status(endpoint, CONNECTOR));
    }

    private String caFile(HeldCertificate ca) throws IOException {
        Path file = Files.createTempFile(dir, "ca", ".pem");
        Files.writeString(file, ca.certificatePem());
        return file.toString();
    }

    private static void assertNonRetryableFailure(ConnectRestException e) {
        ApplicationFailure failure = e.asFailure();
        assertTrue(failure.isNonRetryable());
        assertEquals(ActivityFailures.BAD_INPUT, failure.getType());
    }
}
