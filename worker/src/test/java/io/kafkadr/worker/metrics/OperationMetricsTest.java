package io.kafkadr.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.temporal.metrics.Metrics;
import io.kafkadr.temporal.metrics.PrometheusText;
import io.kafkadr.workflows.common.OperationMetrics;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link OperationMetrics} emits from a workflow, as the worker's /metrics shows it (names, labels, values). */
class OperationMetricsTest {

    @WorkflowInterface
    public interface Emitting {
        @WorkflowMethod
        void run();
    }

    public static class EmittingImpl implements Emitting {
        @Override
        public void run() {
            OperationMetrics.started("p1", "failover");
            OperationMetrics.step("p1", "failover", "move producers", 2_500);
            OperationMetrics.step("p1", "failover", "hand over consumer orders-app", 100);
            OperationMetrics.step("p1", "failover", "hand over consumer billing", 300);
            OperationMetrics.last("p1", "failover", 11_791, 0, -1);
            OperationMetrics.ended("p1", "failover", "aborted");
        }
    }

    @Test
    void aWorkflowsOperationMetricsReachTheScrape() throws Exception {
        try (Metrics metrics = new Metrics()) {
            TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                    .setMetricsScope(metrics.temporalScope()).build());
            try {
                env.newWorker("q").registerWorkflowImplementationTypes(EmittingImpl.class);
                env.start();
                env.getWorkflowClient().newWorkflowStub(Emitting.class,
                        WorkflowOptions.newBuilder().setTaskQueue("q").setWorkflowId("w").build()).run();
            } finally {
                env.close();
            }
            List<PrometheusText.Sample> s = List.of();
            for (int i = 0; i < 30 && PrometheusText.names(s).stream().noneMatch(n -> n.startsWith("kafkadr_operations_failed")); i++) {
                Thread.sleep(100);
                s = PrometheusText.parse(metrics.scrape());
            }
            Map<String, String> op = Map.of("pair", "p1", "operation", "failover");
            assertEquals(1.0, one(s, "kafkadr_operations_started_total", op));
            assertEquals(1.0, one(s, "kafkadr_operations_completed_total", Map.of("pair", "p1", "outcome", "aborted")));
            assertEquals(1.0, one(s, "kafkadr_operations_failed_total", Map.of("pair", "p1", "outcome", "aborted")));
            assertEquals(1.0, one(s, "kafkadr_operation_step_duration_seconds_count", Map.of("step", "move producers")));
            assertEquals(2.5, one(s, "kafkadr_operation_step_duration_seconds_sum", Map.of("step", "move producers")));
            assertTrue(PrometheusText.names(s).contains("kafkadr_operation_step_duration_seconds_bucket"), "a histogram");
            assertEquals(2.0, one(s, "kafkadr_operation_step_duration_seconds_count", Map.of("step", "hand over consumer")),
                    "one series per kind of step, not per group");
            assertEquals(11.791, one(s, "kafkadr_last_rto_seconds", op));
            assertEquals(0.0, one(s, "kafkadr_last_records_lost", op));
            assertTrue(PrometheusText.names(s).stream().noneMatch(n -> n.startsWith("kafkadr_last_records_duplicated")),
                    "an unknown figure is not set");
        }
    }

    private static double one(List<PrometheusText.Sample> samples, String name, Map<String, String> labels) {
        List<PrometheusText.Sample> found = samples.stream().filter(x -> x.name().equals(name) && x.has(labels)).toList();
        assertEquals(1, found.size(), name + labels + " in " + PrometheusText.names(samples));
        return found.get(0).value();
    }
}
