package io.kafkadr.activities.connect;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.kafkadr.workflows.pair.ConnectEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** A Connect REST endpoint played by MockWebServer: enqueue answers, then inspect the requests. */
final class MockConnect implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();

    MockConnect() {
        this(null);
    }

    /** Serving https with {@code certificate} (and its chain) when given. */
    MockConnect(HeldCertificate certificate, HeldCertificate... chain) {
        if (certificate != null) {
            server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate, chain(chain)).build()
                    .sslSocketFactory());
        }
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate[] chain(HeldCertificate... chain) {
        return Arrays.stream(chain).map(HeldCertificate::certificate).toArray(X509Certificate[]::new);
    }

    String url() {
        return server.url("/").toString();
    }

    /** This server as the Connect group of cluster 'secondary', with {@code caFile} and {@code secretRef} (or null). */
    ConnectEndpoint endpoint(String caFile, String secretRef) {
        return new ConnectEndpoint("secondary", url(), caFile, secretRef);
    }

    /** This server as the plain Connect group of cluster 'secondary'. */
    ConnectEndpoint endpoint() {
        return endpoint(null, null);
    }

    void respond(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "no request reached the mock Connect");
        return request;
    }

    int requestCount() {
        return server.getRequestCount();
    }

    @Override
    public void close() {
        server.close();
    }

    /** A certificate for this host (localhost), signed by {@code ca}. */
    static HeldCertificate serverCertificate(HeldCertificate ca) {
        return new HeldCertificate.Builder().commonName("connect").addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("127.0.0.1").signedBy(ca).build();
    }

    /** A self-made CA. */
    static HeldCertificate ca(String name) {
        return new HeldCertificate.Builder().commonName(name).certificateAuthority(0).build();
    }

    /** A URL nobody listens on: the port was free a moment ago. */
    static String deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }
    }
}
