package io.kafkadr.workflows.pair;

/**
 * How a drill on the pair makes its evidence ({@code drill} in the pair config). Absent block,
 * absent key: the default.
 *
 * @param traffic       {@code clients} (default): the pair's own clients, moved through their
 *                      bindings; {@code canary}: only kafka-dr's canary, a producer and consumer
 *                      run by activities on {@link #canaryTopic}, so production clients are not
 *                      touched; {@code both}
 * @param canaryTopic   the canary's topic, default {@value #CANARY_TOPIC_DEFAULT}; it must be
 *                      {@value #CANARY_TOPIC_DEFAULT} or start with {@code _dr.canary.} (see
 *                      {@link TopicSelection#isInternal})
 * @param canaryRecords records the canary writes per burst (three bursts per drill), default
 *                      {@value #CANARY_RECORDS_DEFAULT}
 */
public record DrillSettings(DrillTraffic traffic, String canaryTopic, Integer canaryRecords) {

    public static final String CANARY_TOPIC_DEFAULT = TopicSelection.CANARY_TOPIC;
    public static final int CANARY_RECORDS_DEFAULT = 1000;
    /** Partitions of the canary topic when the drill creates it. */
    public static final int CANARY_PARTITIONS = 3;
    /** The most records per burst: a burst is read in one activity call. */
    public static final int CANARY_RECORDS_MAX = 1_000_000;
    /** Prefix of the canary's consumer group: {@code _dr.canary.<pair>}. */
    public static final String CANARY_GROUP_PREFIX = "_dr.canary.";

    public static DrillSettings defaults() {
        return new DrillSettings(null, null, null);
    }

    public DrillTraffic trafficOrDefault() {
        return traffic == null ? DrillTraffic.CLIENTS : traffic;
    }

    public String canaryTopicOrDefault() {
        return canaryTopic == null ? CANARY_TOPIC_DEFAULT : canaryTopic;
    }

    public int canaryRecordsOrDefault() {
        return canaryRecords == null ? CANARY_RECORDS_DEFAULT : canaryRecords;
    }

    /** The canary's consumer group on a pair. */
    public static String canaryGroup(String pair) {
        return CANARY_GROUP_PREFIX + pair;
    }
}
