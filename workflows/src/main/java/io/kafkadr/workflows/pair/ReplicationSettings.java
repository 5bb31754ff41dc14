package io.kafkadr.workflows.pair;

/**
 * MM2 settings of a pair. MM2's own defaults are tuned for throughput, not for DR drills: its
 * 60 s checkpoint and sync intervals and 600 s refresh intervals make a drill wait minutes,
 * so kafka-dr's defaults are seconds.
 *
 * @param policy                     {@code identity} (same topic names) or {@code prefix}
 *                                   (MM2's default, {@code primary.orders})
 * @param checkpointIntervalSeconds  {@code emit.checkpoints.interval.seconds}, default 5
 * @param syncGroupOffsetsIntervalSeconds {@code sync.group.offsets.interval.seconds}, default 5
 * @param refreshIntervalSeconds     {@code refresh.topics/groups.interval.seconds} and
 *                                   {@code sync.topic.configs.interval.seconds}, default 10
 * @param offsetLagMax               {@code offset.lag.max}: how far MM2 lets offset syncs fall
 *                                   behind, default 10 (MM2: 100)
 * @param replicationFactor          replication factor of mirrored and MM2 internal topics;
 *                                   0 (default) means min(3, broker count of the target)
 * @param provenance                 whether every copied record carries its origin in
 *                                   {@code dr.src.*} headers (default true): what makes
 *                                   hand-over and salvage exact; off, both fall back to
 *                                   matching records by content
 * @param maxTasks                   cap on MM2's {@code tasks.max}: a source connector gets one
 *                                   task per partition up to this many. Absent (null) means
 *                                   {@value #DEFAULT_MAX_TASKS}; 0 means no cap (one task per
 *                                   partition); negative is an error. Size it to what the
 *                                   target's Connect group can run: tasks beyond its workers'
 *                                   cores only add consumers, threads and rebalance time
 * @param producerBatchBytes         {@code batch.size} of the Connect producer writing MM2's
 *                                   copies; absent: kafka-dr's default (MirrorConnectorConfigs),
 *                                   negative is an error
 * @param producerLingerMs           {@code linger.ms} of that producer; absent: kafka-dr's
 *                                   default, 0 sends at once, negative is an error
 */
public record ReplicationSettings(
        String policy,
        int checkpointIntervalSeconds,
        int syncGroupOffsetsIntervalSeconds,
        int refreshIntervalSeconds,
        int offsetLagMax,
        int replicationFactor,
        Boolean provenance,
        Integer maxTasks,
        Integer producerBatchBytes,
        Integer producerLingerMs) {

    public static final String IDENTITY = "identity";
    public static final String PREFIX = "prefix";
    /**
     * {@code maxTasks} when absent. Two Connect workers on a few cores each copy at most a handful
     * of partitions in parallel; 8 keeps a 5000-partition pair from asking for 5000 tasks while
     * a 6-partition pair still gets one task per partition.
     */
    public static final int DEFAULT_MAX_TASKS = 8;

    @com.fasterxml.jackson.annotation.JsonCreator
    public ReplicationSettings {
        policy = policy == null ? IDENTITY : policy;
        checkpointIntervalSeconds = checkpointIntervalSeconds <= 0 ? 5 : checkpointIntervalSeconds;
        syncGroupOffsetsIntervalSeconds = syncGroupOffsetsIntervalSeconds <= 0 ? 5 : syncGroupOffsetsIntervalSeconds;
        refreshIntervalSeconds = refreshIntervalSeconds <= 0 ? 10 : refreshIntervalSeconds;
        offsetLagMax = offsetLagMax <= 0 ? 10 : offsetLagMax;
        provenance = provenance == null ? Boolean.TRUE : provenance;
    }

    public ReplicationSettings(String policy, int checkpointIntervalSeconds, int syncGroupOffsetsIntervalSeconds,
                               int refreshIntervalSeconds, int offsetLagMax, int replicationFactor) {
        this(policy, checkpointIntervalSeconds, syncGroupOffsetsIntervalSeconds, refreshIntervalSeconds, offsetLagMax,
                replicationFactor, null, null, null, null);
    }

    public ReplicationSettings(String policy, int checkpointIntervalSeconds, int syncGroupOffsetsIntervalSeconds,
                               int refreshIntervalSeconds, int offsetLagMax, int replicationFactor, Boolean provenance) {
        this(policy, checkpointIntervalSeconds, syncGroupOffsetsIntervalSeconds, refreshIntervalSeconds, offsetLagMax,
                replicationFactor, provenance, null, null, null);
    }

    /** The same settings with {@code maxTasks}. */
    public ReplicationSettings withMaxTasks(Integer max) {
        return new ReplicationSettings(policy, checkpointIntervalSeconds, syncGroupOffsetsIntervalSeconds,
                refreshIntervalSeconds, offsetLagMax, replicationFactor, provenance, max, producerBatchBytes,
                producerLingerMs);
    }

    /** The same settings with the Connect producer's {@code batch.size} and {@code linger.ms} (null: default). */
    public ReplicationSettings withProducer(Integer batchBytes, Integer lingerMs) {
        return new ReplicationSettings(policy, checkpointIntervalSeconds, syncGroupOffsetsIntervalSeconds,
                refreshIntervalSeconds, offsetLagMax, replicationFactor, provenance, maxTasks, batchBytes, lingerMs);
    }

    /**
     * {@code tasks.max} of the source connector over {@code partitions} partitions: one task per
     * partition, capped by {@code maxTasks} (absent: {@value #DEFAULT_MAX_TASKS}, 0: no cap),
     * at least 1. MM2 never runs more tasks than partitions, so the cap never adds any.
     */
    public int tasksFor(int partitions) {
        int cap = maxTasks == null ? DEFAULT_MAX_TASKS : maxTasks;
        int tasks = cap <= 0 ? partitions : Math.min(partitions, cap);
        return Math.max(1, tasks);
    }

    /**
     * The one rule for the replication factor of every topic kafka-dr creates or has MM2 create
     * (mirrored topics, MM2's internal topics, quarantines, the primary's recreated topics, the
     * canary's, the benchmarks'): {@code replicationFactor} when set, else min(3, brokers), at
     * least 1. A factor above the broker count is not lowered: Kafka refuses it, naming both.
     */
    public int replicationFactorOn(int brokers) {
        return replicationFactor > 0 ? replicationFactor : Math.max(1, Math.min(3, brokers));
    }

    /** Whether copies carry their origin ({@code dr.src.*} headers). */
    public boolean stampsOrigin() {
        return provenance;
    }

    public static ReplicationSettings defaults() {
        return new ReplicationSettings(null, 0, 0, 0, 0, 0);
    }

    public boolean identity() {
        return IDENTITY.equals(policy);
    }

    /** Name of {@code topic} on the target cluster under this policy. */
    public String remoteTopic(String sourceAlias, String topic) {
        return identity() ? topic : sourceAlias + "." + topic;
    }
}
