package io.kafkadr.temporal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesWhatTheTemporalScopeReportsInTheTextFormat() throws Exception {
        try (Metrics metrics = new Metrics();
             MetricsServer server = MetricsServer.start("127.0.0.1", 0, metrics::scrape)) {
            metrics.temporalScope().tagged(Map.of("pair", "p\"1")).counter("kafkadr_test_things").inc(3);
            metrics.temporalScope().gauge("kafkadr_test_level").update(2.5);
            String base = "http://127.0.0.1:" + server.port();
            List<PrometheusText.Sample> samples = List.of();
            for (int i = 0; i < 50 && samples.stream().noneMatch(s -> s.name().equals("kafkadr_test_things_total")); i++) {
                Thread.sleep(100); // the scope reports every second
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                assertEquals(MetricsServer.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
                samples = PrometheusText.parse(r.body());
            }
            PrometheusText.Sample things = samples.stream().filter(s -> s.name().equals("kafkadr_test_things_total"))
                    .findFirst().orElseThrow(() -> new AssertionError("not reported"));
            assertEquals(3.0, things.value());
            assertEquals("p\"1", things.labels().get("pair"), "escaped label values read back");
            assertTrue(samples.stream().anyMatch(s -> s.name().equals("kafkadr_test_level") && s.value() == 2.5), samples.toString());

            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/other")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void aPortInUseIsAClearError() {
        try (MetricsServer first = MetricsServer.start("127.0.0.1", 0, () -> "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MetricsServer.start("127.0.0.1", first.port(), () -> ""));
            assertTrue(e.getMessage().contains("--metrics-port"), e.getMessage());
        }
    }

    @Test
    void aLineThatIsNoSampleIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrometheusText.parse("# HELP x\nok 1\nbad{a=1} 2\n"));
        assertTrue(e.getMessage().startsWith("line 3 "), e.getMessage());
        List<PrometheusText.Sample> s = PrometheusText.parse("a_bucket{le=\"+Inf\",x=\"y\"} 4 1700000000\nb NaN\n");
        assertEquals(Double.valueOf(4), s.get(0).value());
        assertEquals("+Inf", s.get(0).labels().get("le"));
        assertTrue(Double.isNaN(s.get(1).value()));
    }
}
