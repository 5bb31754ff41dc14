package io.kafkadr.activities.connect;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A Connect REST endpoint played by MockWebServer: enqueue answers, then inspect the requests. */
final class MockConnect implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();

    MockConnect() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return server.url("/").toString();
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

    /** A URL nobody listens on: the port was free a moment ago. */
    static String deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }
    }
}
