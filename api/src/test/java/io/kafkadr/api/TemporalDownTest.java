package io.kafkadr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.pair.PairRegistry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** With Temporal out of reach, the API answers 503 with Retry-After, in the documented shape. */
class TemporalDownTest {

    @Test
    void temporalOutOfReachIs503WithRetryAfter(@TempDir Path dir) throws Exception {
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        TemporalOptions options = new TemporalOptions();
        new CommandLine(options).parseArgs("--temporal", "127.0.0.1:" + nobody);
        Path pairs = Files.createDirectories(dir.resolve("pairs"));
        Files.copy(Path.of("../pairs/local.yaml"), pairs.resolve("local.yaml"));
        TokenStore tokens = TokenStore.parse(List.of(TokenStore.line("ops", EnumSet.allOf(Scope.class), "kdr_t")), "test");
        try (Operations ops = new Operations(options, new PrintStream(OutputStream.nullOutputStream()));
             IncidentApi api = new IncidentApi(new IncidentApi.Settings("127.0.0.1", 0, 1024, null, null, null, "default"),
                     new PairRegistry(List.of(pairs)), tokens, ops, new RateLimiter(10, 10, System::nanoTime),
                     Clock.systemUTC(), Optional.empty(), new io.kafkadr.temporal.metrics.Metrics()).start()) {
            ApiClient client = new ApiClient("http://127.0.0.1:" + api.port());
            ApiClient.Reply reply = client.post("/v1/pairs/local/failover", "kdr_t",
                    "{\"incidentId\":\"INC-9\",\"mode\":\"unplanned\"}");
            assertEquals(503, reply.status(), reply.body());
            assertEquals("temporal-unavailable", reply.json().get("error").asText());
            assertEquals(List.of(Long.toString(Failures.RETRY_AFTER_SECONDS)), reply.headers().get("retry-after"));
        }
    }
}
