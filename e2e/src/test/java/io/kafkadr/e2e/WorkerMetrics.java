package io.kafkadr.e2e;

import io.kafkadr.temporal.metrics.PrometheusText;
import io.kafkadr.temporal.metrics.PrometheusText.Sample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The local stack's worker's {@code /metrics} (port 9464), scraped over HTTP and parsed. */
final class WorkerMetrics {

    static final URI URL = URI.create("http://127.0.0.1:9464/metrics");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern NAME = Pattern.compile("\\bkafkadr_[a-z0-9_]+");

    private WorkerMetrics() {
    }

    static String text() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URL).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain")) {
                throw new AssertionError("GET " + URL + ": " + r.statusCode() + " " + r.headers().map() + "\n" + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + URL + " failed (is the worker up with --metrics-port 9464?): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static List<Sample> scrape() {
        return PrometheusText.parse(text());
    }

    /** The value of the one sample of {@code name} with {@code labels} (others may be there too). */
    static Optional<Double> value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && s.has(labels)).toList();
        if (found.size() > 1) {
            throw new AssertionError(found.size() + " samples of " + name + labels + ": " + found);
        }
        return found.stream().findFirst().map(Sample::value);
    }

    /** Scrapes until {@code done} holds for a scrape (every second), or fails after {@code timeout} with the last one. */
    static List<Sample> await(Duration timeout, String what, Predicate<List<Sample>> done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Sample> last = List.of();
        while (System.nanoTime() < deadline) {
            last = scrape();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(1000);
        }
        List<Sample> shown = last;
        throw new AssertionError(what + " not seen in /metrics within " + timeout.toSeconds() + " s; kafkadr_ samples: "
                + shown.stream().filter(s -> s.name().startsWith("kafkadr_replication")).toList());
    }

    /** Every kafkadr_ metric name the files under {@code folder} (rules, dashboard) mention. */
    static Set<String> namesIn(Path folder) throws IOException {
        Set<String> names = new TreeSet<>();
        try (var files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/tests/")).toList()) {
                Matcher m = NAME.matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }
}
