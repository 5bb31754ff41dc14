package io.kafkadr.temporal.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The replication-lag series the worker exports (one per pair and partition, measured by provenance:
 * see the README's Metrics) and their reading back: the incident API shows a pair's lag from its
 * worker's {@code /metrics} instead of reaching the clusters itself.
 */
public final class LagSeries {

    public static final String RECORDS = "kafkadr_replication_lag_records";
    public static final String SECONDS = "kafkadr_replication_lag_seconds";

    /** One partition's lag, as exported. */
    public record PartitionLag(String source, String target, String topic, int partition, long records, double seconds) {
    }

    private LagSeries() {
    }

    /** The lag of every partition of {@code pair} in a scrape, in the order exported; empty if none. */
    public static List<PartitionLag> of(String pair, List<PrometheusText.Sample> scrape) {
        List<PartitionLag> lags = new ArrayList<>();
        for (PrometheusText.Sample r : scrape) {
            if (!r.name().equals(RECORDS) || !pair.equals(r.labels().get("pair"))) {
                continue;
            }
            double seconds = scrape.stream()
                    .filter(s -> s.name().equals(SECONDS) && s.has(Map.of("pair", pair,
                            "topic", r.labels().get("topic"), "partition", r.labels().get("partition"))))
                    .mapToDouble(PrometheusText.Sample::value).findFirst().orElse(Double.NaN);
            lags.add(new PartitionLag(r.labels().get("source"), r.labels().get("target"), r.labels().get("topic"),
                    Integer.parseInt(r.labels().get("partition")), (long) r.value(), seconds));
        }
        return lags;
    }
}
