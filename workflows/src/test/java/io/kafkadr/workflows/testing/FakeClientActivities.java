package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.clients.ClientActivities;
import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ClientActivities} whose clients stop and start at once and are healthy, unless
 * {@link #unhealthyNext} says otherwise. Calls are recorded with the client's label
 * ({@code consumer orders-app}) as first argument.
 */
public class FakeClientActivities extends RecordingFake implements ClientActivities {

    private final Map<String, String> unhealthy = new ConcurrentHashMap<>();
    private final AtomicInteger healthChecksNow = new AtomicInteger();
    private final AtomicInteger mostHealthChecksAtOnce = new AtomicInteger();
    private final AtomicInteger mostClientsInAMoveInput = new AtomicInteger();
    private volatile long healthCheckMillis;

    /** Every {@code awaitHealthy} takes this long (real time), so that moves overlap. */
    public FakeClientActivities healthChecksTake(long millis) {
        this.healthCheckMillis = millis;
        return this;
    }

    /** The most {@code awaitHealthy} calls that ran at the same time. */
    public int mostHealthChecksAtOnce() {
        return mostHealthChecksAtOnce.get();
    }

    /** The most consumer groups and producers a stop, start or health check carried in its pair input. */
    public int mostClientsInAMoveInput() {
        return mostClientsInAMoveInput.get();
    }

    private void sawMoveInput(PairConfig pair) {
        mostClientsInAMoveInput.accumulateAndGet(pair.consumerGroups().size() + pair.producers().size(), Math::max);
    }

    /** The next {@code awaitHealthy} fails as the real one does when a client is not healthy in time. */
    public FakeClientActivities unhealthyNext(String why) {
        failNext("awaitHealthy", ApplicationFailure.newNonRetryableFailure(why, ActivityFailures.CLIENT_UNHEALTHY));
        return this;
    }

    /** The next {@code awaitHealthy} of the client labelled {@code label} fails, the others stay healthy. */
    public FakeClientActivities unhealthyNext(String label, String why) {
        unhealthy.put(label, why);
        return this;
    }

    /** What {@code awaitHealthy} answers for a healthy client. */
    public static String healthy(String label, String cluster) {
        return label + " healthy on " + cluster;
    }

    /** Calls of {@code method} for the client labelled {@code label}. */
    public List<Call> callsFor(String method, String label) {
        return calls(method).stream().filter(c -> label.equals(c.arg(0))).toList();
    }

    private volatile String bindingProblem;
    private final java.util.concurrent.atomic.AtomicInteger bindingChecks = new java.util.concurrent.atomic.AtomicInteger();

    /** {@code checkBindings} fails with {@code problem}, as the real one does for a binding it cannot run. */
    public FakeClientActivities bindingsCannotRun(String problem) {
        bindingProblem = problem;
        return this;
    }

    /** How often the bindings were checked (kept apart from the moves, which {@link #calls()} lists). */
    public int bindingChecks() {
        return bindingChecks.get();
    }

    @Override
    public void checkBindings(PairConfig pair) {
        bindingChecks.incrementAndGet();
        if (bindingProblem != null) {
            throw ApplicationFailure.newNonRetryableFailure(bindingProblem, ActivityFailures.BAD_INPUT);
        }
    }

    @Override
    public void stop(PairConfig pair, ClientRef client) {
        sawMoveInput(pair);
        record("stop", client.label());
    }

    @Override
    public void start(PairConfig pair, ClientRef client, String cluster) {
        sawMoveInput(pair);
        record("start", client.label(), cluster);
    }

    @Override
    public String awaitHealthy(PairConfig pair, ClientRef client, String cluster, List<PartitionOffset> baseline) {
        sawMoveInput(pair);
        record("awaitHealthy", client.label(), cluster, baseline);
        mostHealthChecksAtOnce.accumulateAndGet(healthChecksNow.incrementAndGet(), Math::max);
        try {
            Thread.sleep(healthCheckMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            healthChecksNow.decrementAndGet();
        }
        String why = unhealthy.remove(client.label());
        if (why != null) {
            throw ApplicationFailure.newNonRetryableFailure(why, ActivityFailures.CLIENT_UNHEALTHY);
        }
        return healthy(client.label(), cluster);
    }
}
