package io.kafkadr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.temporal.metrics.MetricsServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pair's lag read from a worker's /metrics (a real HTTP server serving the worker's text format). */
class WorkerLagTest {

    private static final String SCRAPE = """
            # HELP kafkadr_replication_lag_records lag
            # TYPE kafkadr_replication_lag_records gauge
            kafkadr_replication_lag_records{pair="local",partition="0",source="primary",target="secondary",topic="orders"} 50.0
            kafkadr_replication_lag_records{pair="local",partition="1",source="primary",target="secondary",topic="orders"} 80.0
            kafkadr_replication_lag_records{pair="other",partition="0",source="primary",target="secondary",topic="orders"} 7.0
            # TYPE kafkadr_replication_lag_seconds gauge
            kafkadr_replication_lag_seconds{pair="local",partition="0",source="primary",target="secondary",topic="orders"} 3.5
            kafkadr_replication_lag_seconds{pair="local",partition="1",source="primary",target="secondary",topic="orders"} 4.25
            kafkadr_replication_lag_seconds{pair="other",partition="0",source="primary",target="secondary",topic="orders"} 99.0
            """;

    @Test
    void sumsThePairsPartitionsAndKeepsTheirSeconds() {
        try (MetricsServer worker = MetricsServer.start("127.0.0.1", 0, () -> SCRAPE)) {
            Map<String, Object> lag = new WorkerLag(URI.create("http://127.0.0.1:" + worker.port() + "/metrics"),
                    Clock.systemUTC()).of("local");
            assertEquals(130L, lag.get("records"), lag.toString());
            assertEquals(4.25, (double) lag.get("maxSeconds"), 1e-9);
            List<?> partitions = (List<?>) lag.get("partitions");
            assertEquals(2, partitions.size(), lag.toString());
            assertEquals(Map.of("topic", "orders", "partition", 1, "records", 80L, "seconds", 4.25), partitions.get(1));
        }
    }

    @Test
    void aPairTheWorkerDoesNotMeasureOrAWorkerOutOfReachSaysSo() throws Exception {
        try (MetricsServer worker = MetricsServer.start("127.0.0.1", 0, () -> SCRAPE)) {
            Map<String, Object> lag = new WorkerLag(URI.create("http://127.0.0.1:" + worker.port() + "/metrics"),
                    Clock.systemUTC()).of("third");
            assertTrue(lag.get("unavailable").toString().contains("no lag for pair 'third'"), lag.toString());
        }
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        Map<String, Object> lag = new WorkerLag(URI.create("http://127.0.0.1:" + free + "/metrics"), Clock.systemUTC())
                .of("local");
        assertTrue(lag.get("unavailable").toString().contains("--worker-metrics"), lag.toString());
    }
}
