package io.kafkadr.activities.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.common.ActivityFailures;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class AwsEndpointsTest {

    private final StaticCredentialsProvider own = StaticCredentialsProvider.create(AwsBasicCredentials.create("own", "own"));

    @Test
    void aWorkflowInputCannotPointTheWorkerAtAnyHost() {
        try (AwsEndpoints endpoints = new AwsEndpoints(own, List.of(URI.create("https://vpce.example.internal")))) {
            ApplicationFailure refused = assertThrows(ApplicationFailure.class,
                    () -> endpoints.clients("https://collector.example.com"));
            assertTrue(refused.isNonRetryable());
            assertEquals(ActivityFailures.BAD_INPUT, refused.getType());
            assertTrue(refused.getOriginalMessage().contains("start the worker with --aws-endpoint-url "
                    + "https://collector.example.com (or KAFKADR_AWS_ENDPOINT_URLS=https://collector.example.com)"),
                    refused.getOriginalMessage());
        }
    }

    @Test
    void loopbackGetsEmulatorCredentialsAndListedEndpointsTheWorkersOwn() {
        try (AwsEndpoints endpoints = new AwsEndpoints(own, List.of(URI.create("https://vpce.example.internal")))) {
            AwsClients moto = endpoints.clients("http://127.0.0.1:5000");
            assertSame(AwsEndpoints.EMULATOR, moto.credentials());
            assertEquals(Optional.of(URI.create("http://127.0.0.1:5000")), moto.endpoint());
            assertSame(own, endpoints.clients("https://vpce.example.internal").credentials());
            assertSame(own, endpoints.clients(null).credentials());
            assertEquals(Optional.empty(), endpoints.clients(null).endpoint());
            assertNotSame(moto, endpoints.clients("http://localhost:5000"));
        }
    }

    @Test
    void theWorkersListOfEndpointsIsCheckedWhenItStarts() {
        assertEquals(List.of(URI.create("https://vpce-1.example.internal"), URI.create("http://proxy.internal:8080")),
                AwsEndpoints.parse(List.of("https://vpce-1.example.internal", " http://proxy.internal:8080", ""),
                        AwsEndpoints.FLAG));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> AwsEndpoints.parse(List.of("vpce.example.internal"), AwsEndpoints.ENV));
        assertEquals("KAFKADR_AWS_ENDPOINT_URLS: 'vpce.example.internal' is not an http(s) URL with a host "
                + "(e.g. https://vpce-0123.kafka.us-east-1.vpce.amazonaws.com)", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AwsEndpoints.parse(List.of("ftp://x.internal"), AwsEndpoints.FLAG));
    }
}
