package io.kafkadr.workflows.drill;

import io.kafkadr.workflows.canary.CanaryAccounting;
import io.kafkadr.workflows.canary.CanaryActivities;
import io.kafkadr.workflows.canary.CanaryHalf;
import io.kafkadr.workflows.canary.CanaryRead;
import io.kafkadr.workflows.canary.CanaryReport;
import io.kafkadr.workflows.operation.OperationOptions;
import io.kafkadr.workflows.operation.Timeline;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.DrillSettings;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.verify.Check;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The drill's built-in canary, driven from the drill workflow: three bursts of records, each read
 * by the canary group across the failover and the failback that move it.
 *
 * <ol>
 *   <li>before the failover: burst 1 written on the primary, half of it read there (the hand-over
 *       has a mid-stream position to place);</li>
 *   <li>after the failover: the rest of burst 1 read on the secondary (exactly the unread half,
 *       once), burst 2 written there and half of it read;</li>
 *   <li>after the failback: the rest of burst 2 read on the primary, burst 3 written and read there.</li>
 * </ol>
 */
final class DrillCanary {

    static final String FAILOVER_HALF = "failover";
    static final String FAILBACK_HALF = "failback";

    private final CanaryActivities canary = Workflow.newActivityStub(CanaryActivities.class, OperationOptions.LONG);
    private final PairConfig pair;
    /** What the canary's activities get: the pair without its clients (they need the clusters only). */
    private final PairConfig bare;
    private final Timeline timeline;
    private final String topic;
    private final String group;
    private final String runId;
    private final int records;
    private final Map<Integer, Long> acked = new TreeMap<>();
    private final List<CanaryRead> reads = new ArrayList<>();

    DrillCanary(PairConfig pair, Timeline timeline, String runId) {
        this.pair = pair;
        this.bare = pair.withoutClients();
        this.timeline = timeline;
        this.topic = pair.drill().canaryTopicOrDefault();
        this.group = DrillSettings.canaryGroup(pair.name());
        this.runId = runId;
        this.records = pair.drill().canaryRecordsOrDefault();
    }

    /**
     * The pair a drill passes its children: with the canary (drill.traffic canary or both), the
     * canary topic added to the mirrored topics and the canary group, with its {@code canary}
     * binding, to the consumer groups. The pair's own clients stay: a failover moves every client
     * the pair lists (leaving one behind would split it across the clusters), so {@code canary}
     * alone is accepted only on a pair that lists none ({@code PairValidator}). Pure.
     */
    static PairConfig pairFor(PairConfig pair) {
        DrillSettings drill = pair.drill();
        if (!drill.trafficOrDefault().usesCanary()) {
            return pair;
        }
        List<ConsumerGroupConfig> groups = new ArrayList<>(pair.consumerGroups());
        groups.add(new ConsumerGroupConfig(DrillSettings.canaryGroup(pair.name()), ClientBinding.canary()));
        return pair.withTopics(pair.topics().withCanary(drill.canaryTopicOrDefault()))
                .withClients(groups, pair.producers());
    }

    void ensureTopic() {
        timeline.step("canary topic", topic + " on " + pair.primary(), () -> canary.ensureTopic(bare,
                pair.primary(), topic));
    }

    /** The group at the topic's end (older drills' records are not this one's), burst 1 on the primary, half of it read there. */
    List<Check> beforeFailover() {
        return checked("before-failover", () -> {
            timeline.step("canary group", group + " at the end of " + topic + " on " + pair.primary(),
                    () -> canary.startAtEnd(bare, pair.primary(), topic, group));
            produce(1, pair.primary());
            read("b1-" + pair.primary(), pair.primary(), records / 2);
            return List.of();
        });
    }

    /** The rest of burst 1 on the secondary; burst 2 there, half of it read. */
    List<Check> afterFailover() {
        return checked("after-failover", () -> {
            read("b1-" + pair.secondary(), pair.secondary(), 2 * records);
            produce(2, pair.secondary());
            read("b2-" + pair.secondary(), pair.secondary(), records / 2);
            return CanaryAccounting.checks(failoverHalf(), pair.objectives().rpoRecords());
        });
    }

    /** The rest of burst 2 back on the primary; burst 3 there, read whole. */
    List<Check> afterFailback() {
        return checked("after-failback", () -> {
            read("b2-" + pair.primary(), pair.primary(), 2 * records);
            produce(3, pair.primary());
            read("b3-" + pair.primary(), pair.primary(), 2 * records);
            List<Check> checks = new ArrayList<>(CanaryAccounting.checks(failoverHalf(), pair.objectives().rpoRecords()));
            checks.addAll(CanaryAccounting.checks(failbackHalf(), pair.objectives().rpoRecords()));
            return checks;
        });
    }

    /**
     * The canary's own failure (a cluster it could not write or read, after its retries) is a failed
     * check {@code canary:<stage>} of the phase, not a figure: no record counts as lost for it.
     */
    private static List<Check> checked(String stage, Supplier<List<Check>> body) {
        try {
            return body.get();
        } catch (ActivityFailure e) {
            return List.of(new Check("canary:" + stage, -1, 0, false, "the canary failed: " + Timeline.rootMessage(e)
                    + "; its figures for this drill are incomplete (see the canary's steps)"));
        }
    }

    CanaryReport report() {
        return new CanaryReport(topic, group, runId, java.util.Collections.unmodifiableMap(new TreeMap<>(acked)), List.copyOf(reads),
                List.of(failoverHalf(), failbackHalf()));
    }

    private CanaryHalf failoverHalf() {
        return CanaryAccounting.half(FAILOVER_HALF, List.of(1), acked, reads);
    }

    private CanaryHalf failbackHalf() {
        return CanaryAccounting.half(FAILBACK_HALF, List.of(2, 3), acked, reads);
    }

    private void produce(int burst, String cluster) {
        long done = timeline.step("canary burst " + burst, records + " records on " + cluster,
                () -> canary.produce(bare, cluster, topic, runId, burst, records));
        acked.put(burst, done);
    }

    private void read(String readId, String cluster, int max) {
        int wait = pair.failover().clientHealthTimeoutSeconds();
        reads.add(timeline.step("canary read " + readId, "up to " + max + " records on " + cluster + " as " + group,
                () -> canary.consume(bare, cluster, topic, group, runId, readId, max, wait)));
    }
}
