package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.FailoverSettings;
import io.kafkadr.workflows.pair.Objectives;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ProducerConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.pair.Thresholds;
import io.kafkadr.workflows.pair.TopicSelection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Valid pair configs for tests: {@code primary} (127.0.0.1:19092) and {@code secondary}
 * (127.0.0.1:29092), topic {@code orders}, group {@code orders-app}, identity policy, zero
 * tolerance and a 30 s verify timeout, no producer, no approval, default failover limits. Change
 * one thing at a time through {@link #builder()}.
 */
public final class Pairs {

    public static final String NAME = "test";
    public static final String PRIMARY = "primary";
    public static final String SECONDARY = "secondary";
    public static final String TOPIC = "orders";
    public static final String GROUP = "orders-app";
    public static final int VERIFY_TIMEOUT_SECONDS = 30;

    private Pairs() {
    }

    public static PairConfig pair() {
        return builder().build();
    }

    /** {@code pair} whose copies carry no origin headers ({@code replication: {provenance: false}}). */
    public static PairConfig withoutProvenance(PairConfig pair) {
        ReplicationSettings r = pair.replication();
        return new PairConfig(pair.name(), pair.primary(), pair.secondary(), pair.clusters(), pair.topics(),
                pair.consumerGroups(), pair.producers(), new ReplicationSettings(r.policy(), r.checkpointIntervalSeconds(),
                        r.syncGroupOffsetsIntervalSeconds(), r.refreshIntervalSeconds(), r.offsetLagMax(),
                        r.replicationFactor(), false, r.maxTasks(), r.producerBatchBytes(), r.producerLingerMs()),
                pair.thresholds(), pair.failoverRequiresApproval(), pair.failover(), pair.objectives(), pair.drill());
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ClusterConfig cluster(String alias, String bootstrapServers, String connectUrl) {
        return new ClusterConfig(alias, bootstrapServers, "region-" + alias, connectUrl, null);
    }

    public static final class Builder {
        private String name = NAME;
        private List<ClusterConfig> clusters = List.of(
                cluster(PRIMARY, "127.0.0.1:19092", "http://127.0.0.1:8084"),
                cluster(SECONDARY, "127.0.0.1:29092", "http://127.0.0.1:8083"));
        private List<String> topics = List.of(TOPIC);
        private String policy = ReplicationSettings.IDENTITY;
        private int replicationFactor;
        private long countTolerance;
        private long maxLag;
        private List<ProducerConfig> producers = List.of();
        private List<String> groups = List.of(GROUP);
        private final Map<String, String> appOf = new java.util.HashMap<>();
        private boolean requiresApproval;
        private FailoverSettings failover;
        private Objectives objectives;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder clusters(ClusterConfig... clusters) {
            this.clusters = List.of(clusters);
            return this;
        }

        public Builder topics(String... names) {
            this.topics = List.of(names);
            return this;
        }

        public Builder policy(String policy) {
            this.policy = policy;
            return this;
        }

        /** 0 (the default) lets the workflow derive it from the target's broker count. */
        public Builder replicationFactor(int replicationFactor) {
            this.replicationFactor = replicationFactor;
            return this;
        }

        public Builder countTolerance(long records) {
            this.countTolerance = records;
            return this;
        }

        public Builder maxLag(long records) {
            this.maxLag = records;
            return this;
        }

        /** Consumer groups moved on failover, in this order, each with a process binding ({@code app: consumer-<name>}). */
        public Builder groups(String... names) {
            this.groups = List.of(names);
            return this;
        }

        /**
         * Groups {@code groups} share one process binding ({@code app: <app>}): one application
         * that owns several groups. They must also be listed in {@link #groups}.
         */
        public Builder sharedBinding(String app, String... groups) {
            for (String g : groups) {
                this.appOf.put(g, app);
            }
            return this;
        }

        /** Producers moved on failover, each with a process binding ({@code app: producer-<name>}). */
        public Builder producers(String... names) {
            this.producers = Arrays.stream(names)
                    .map(n -> new ProducerConfig(n, new ClientBinding("process", Map.of("app", "producer-" + n))))
                    .toList();
            return this;
        }

        public Builder failoverRequiresApproval(boolean requiresApproval) {
            this.requiresApproval = requiresApproval;
            return this;
        }

        /** An approval must arrive within {@code seconds}; the other failover limits keep their defaults. */
        /** Groups a failover and a failback move at once ({@code failover.groupConcurrency}, {@code failbackGroupConcurrency}). */
        public Builder groupConcurrency(Integer failover, Integer failback) {
            this.failover = new FailoverSettings(0, 0, 0, this.failover == null ? 0 : this.failover.approvalTimeoutSeconds(),
                    0, 0, failover, failback);
            return this;
        }

        public Builder approvalTimeoutSeconds(int seconds) {
            this.failover = new FailoverSettings(0, 0, 0, seconds, 0, 0);
            return this;
        }

        /** The pair's recovery objectives (null: none). */
        public Builder objectives(Integer rtoSeconds, Long rpoRecords) {
            this.objectives = new Objectives(rtoSeconds, rpoRecords);
            return this;
        }

        /** The pair's drill block (null: defaults). */
        /** How often the pair entity observes the active cluster (the other failover limits keep their defaults). */
        public Builder observeIntervalSeconds(int seconds) {
            this.failover = new FailoverSettings(0, 0, 0, 0, 0, seconds);
            return this;
        }

        public Builder drill(io.kafkadr.workflows.pair.DrillSettings drill) {
            this.drill = drill;
            return this;
        }

        private io.kafkadr.workflows.pair.DrillSettings drill;

        public PairConfig build() {
            return new PairConfig(name, PRIMARY, SECONDARY, clusters,
                    new TopicSelection(topics, null),
                    groups.stream().map(g -> new ConsumerGroupConfig(g,
                            new ClientBinding("process", Map.of("app", appOf.getOrDefault(g, "consumer-" + g))))).toList(),
                    producers,
                    new ReplicationSettings(policy, 5, 5, 10, 10, replicationFactor),
                    new Thresholds(countTolerance, maxLag, 30, 120, VERIFY_TIMEOUT_SECONDS),
                    requiresApproval, failover, objectives, drill);
        }
    }
}
