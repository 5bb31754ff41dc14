package io.kafkadr.api;

import io.kafkadr.temporal.metrics.LagSeries;
import io.kafkadr.temporal.metrics.PrometheusText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pair's replication lag as its worker measured it: read from the worker's {@code /metrics}
 * ({@code drctl api --worker-metrics URL}). The worker holds the clusters' credentials and measures
 * the lag by provenance every few seconds; the API holds none and reaches no cluster.
 */
final class WorkerLag {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI metrics;
    private final HttpClient http;
    private final Clock clock;

    /** @param metrics the worker's metrics URL, e.g. http://127.0.0.1:9464/metrics */
    WorkerLag(URI metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /**
     * {@code {"records", "maxSeconds", "partitions": [...], "measuredBy", "readAt"}} for {@code pair},
     * or {@code {"unavailable": why, "measuredBy"}} when the worker cannot be read or exports no lag
     * for the pair (yet: its collector runs every few seconds).
     */
    Map<String, Object> of(String pair) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<LagSeries.PartitionLag> lags;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return unavailable(out, "the worker's metrics answered " + r.statusCode());
            }
            lags = LagSeries.of(pair, PrometheusText.parse(r.body()));
        } catch (IOException | IllegalArgumentException e) {
            return unavailable(out, "the worker's metrics cannot be read (" + e.getMessage() + "): is the worker "
                    + "running with --metrics-port, and is --worker-metrics its URL?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(out, "interrupted");
        }
        if (lags.isEmpty()) {
            return unavailable(out, "the worker exports no lag for pair '" + pair + "' (yet: it measures every few "
                    + "seconds while replication runs)");
        }
        List<Map<String, Object>> partitions = lags.stream().map(l -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("topic", l.topic());
            p.put("partition", l.partition());
            p.put("records", l.records());
            p.put("seconds", Double.isNaN(l.seconds()) ? null : l.seconds());
            return p;
        }).toList();
        out.put("records", lags.stream().mapToLong(LagSeries.PartitionLag::records).sum());
        out.put("maxSeconds", lags.stream().mapToDouble(LagSeries.PartitionLag::seconds).filter(s -> !Double.isNaN(s))
                .max().orElse(0));
        out.put("partitions", partitions);
        out.put("measuredBy", metrics.toString());
        out.put("readAt", clock.instant().toString());
        return out;
    }

    private Map<String, Object> unavailable(Map<String, Object> out, String why) {
        out.put("unavailable", why);
        out.put("measuredBy", metrics.toString());
        return out;
    }
}
