package io.kafkadr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.operations.Json;
import io.kafkadr.operations.OperationFailedException;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Latency of the incident API's failover request (drctl api running): --calls requests, each for "
                + "a new incident with requireApproval (nothing moves), each failover cancelled before the next "
                + "(cancelling gives the pair's lock back); p50, p99 and max of the request's time.")
public class ApiBench implements Callable<Integer> {

    @Mixin
    TemporalOptions temporal;
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "the API; default: ${DEFAULT-VALUE}")
    String url;
    @Option(names = "--token-file", required = true, paramLabel = "FILE", description = "a token with scope operate "
            + "(drctl api token ... > FILE)")
    Path tokenFile;
    @Option(names = "--pair", defaultValue = "local", description = "a registered pair; default: ${DEFAULT-VALUE}")
    String pair;
    @Option(names = "--calls", defaultValue = "100", description = "requests to measure; default: ${DEFAULT-VALUE}")
    int calls;
    @Option(names = "--json", description = "the figures as JSON on stdout")
    boolean json;

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (calls < 1) {
            throw new OperationFailedException("--calls must be at least 1", "BadInput");
        }
        String token = Files.readString(tokenFile).trim();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper mapper = new ObjectMapper();
        long stamp = System.currentTimeMillis();
        long[] millis = new long[calls];
        try (Operations ops = new Operations(temporal, System.err)) {
            for (int i = 0; i < calls; i++) {
                awaitPairFree(ops);
                String body = "{\"incidentId\":\"bench-" + stamp + "-" + i + "\",\"mode\":\"unplanned\","
                        + "\"requireApproval\":true,\"reason\":\"drctl bench api\"}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/pairs/" + pair + "/failover"))
                        .timeout(WAIT).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                millis[i] = (System.nanoTime() - start) / 1_000_000;
                if (response.statusCode() != 202) {
                    throw new OperationFailedException("call " + (i + 1) + " answered " + response.statusCode() + ": "
                            + response.body(), "Failed");
                }
                String id = mapper.readTree(response.body()).get("operationId").asText();
                awaitApprovalGate(ops, id);
                cancel(ops, id);
            }
        }
        LatencyStats stats = LatencyStats.of(millis);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("request", "POST /v1/pairs/" + pair + "/failover");
            out.put("latency", stats);
            System.out.println(Json.write(out));
        } else {
            System.out.printf("POST /v1/pairs/%s/failover (a new incident each, requireApproval): %d calls, p50 %d ms, "
                    + "p99 %d ms, max %d ms%n", pair, stats.samples(), stats.p50Millis(), stats.p99Millis(),
                    stats.maxMillis());
        }
        return 0;
    }

    /**
     * Until the failover waits at its approval gate: it holds the pair's lock then, inside the part that
     * gives it back however the run ends (a cancellation while it still asks for the lock would not).
     */
    private static void awaitApprovalGate(Operations ops, String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!ops.progress(id).map(p -> "await approval".equals(p.step())).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new OperationFailedException(id + " did not reach its approval gate within " + WAIT + ": "
                        + ops.progress(id).map(p -> p.step() + ": " + p.detail()).orElse("no progress"), "Failed");
            }
            Thread.sleep(100);
        }
    }

    /** Cancels the failover (it gives the pair's lock back as it ends) and waits until it closed. */
    private static void cancel(Operations ops, String id) {
        var stub = ops.client().newUntypedWorkflowStub(id);
        stub.cancel();
        try {
            stub.getResult(WAIT.toSeconds(), TimeUnit.SECONDS, JsonNode.class);
        } catch (io.temporal.client.WorkflowException e) {
            // cancelled, as asked
        } catch (java.util.concurrent.TimeoutException e) {
            throw new OperationFailedException(id + " did not end within " + WAIT + " of its cancellation", "Failed");
        }
    }

    /** Until no operation holds the pair (nor runs on it, as visibility sees it: it lags the close a moment). */
    private void awaitPairFree(Operations ops) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ops.inFlight(pair, null).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new OperationFailedException("pair '" + pair + "' has operation " + ops.inFlight(pair, null).get()
                        + " in flight: the bench needs the pair idle", "Failed");
            }
            Thread.sleep(200);
        }
    }
}
