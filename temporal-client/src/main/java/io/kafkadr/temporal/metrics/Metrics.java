package io.kafkadr.temporal.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;

/**
 * The metrics of one process (the worker, the API): a Micrometer Prometheus registry, and the
 * Tally scope through which the Temporal SDK (its own metrics and what workflows emit with
 * {@code Workflow.getMetricsScope()}) reports into it. Give {@link #temporalScope()} to
 * {@code TemporalConnection.open} and {@link #scrape()} to a {@link MetricsServer}.
 */
public final class Metrics implements AutoCloseable {

    /** How often the SDK's scope hands what it counted to the registry. */
    public static final com.uber.m3.util.Duration REPORT_EVERY = com.uber.m3.util.Duration.ofSeconds(1);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Scope temporalScope = new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(REPORT_EVERY);

    public MeterRegistry registry() {
        return registry;
    }

    /** The scope to set on the Temporal service stubs ({@code WorkflowServiceStubsOptions.setMetricsScope}). */
    public Scope temporalScope() {
        return temporalScope;
    }

    /** Everything, in Prometheus's text exposition format (what {@code GET /metrics} returns). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        try {
            temporalScope.close(); // reports what is left, then the reporter closes the registry
        } catch (ScopeCloseException e) {
            System.err.println("metrics: closing the Temporal metrics scope: " + e.getMessage());
        }
        registry.close();
    }
}
