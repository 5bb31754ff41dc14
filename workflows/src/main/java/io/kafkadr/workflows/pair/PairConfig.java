package io.kafkadr.workflows.pair;

import java.util.List;
import java.util.Optional;

/**
 * A DR pair: two clusters, what is mirrored between them, which clients move on failover.
 * Carries secret references only, never secret values, because it travels in workflow inputs.
 *
 * @param name        pair name, used in workflow ids ({@code dr-pair/<name>})
 * @param primary     alias of the cluster that is active in normal operation
 * @param secondary   alias of the standby cluster
 * @param clusters    both clusters, each with a unique alias
 * @param topics      data topics to mirror (names or a regex)
 * @param consumerGroups consumer groups whose offsets are synced and that move on failover
 * @param producers   producers that move on failover
 * @param replication MM2 settings (policy, intervals)
 * @param thresholds  convergence tolerance and timeouts
 * @param failoverRequiresApproval whether a failover waits for a human approval
 * @param failover    limits of client moves (timeouts, hand-over scan window)
 * @param objectives  recovery objectives a drill is held to (absent: none)
 * @param drill       which traffic a drill accounts for, and the canary's topic and size (absent: defaults)
 */
public record PairConfig(
        String name,
        String primary,
        String secondary,
        List<ClusterConfig> clusters,
        TopicSelection topics,
        List<ConsumerGroupConfig> consumerGroups,
        List<ProducerConfig> producers,
        ReplicationSettings replication,
        Thresholds thresholds,
        boolean failoverRequiresApproval,
        FailoverSettings failover,
        Objectives objectives,
        DrillSettings drill) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public PairConfig {
        drill = drill == null ? DrillSettings.defaults() : drill;
        consumerGroups = consumerGroups == null ? List.of() : List.copyOf(consumerGroups);
        producers = producers == null ? List.of() : List.copyOf(producers);
        replication = replication == null ? ReplicationSettings.defaults() : replication;
        thresholds = thresholds == null ? Thresholds.defaults() : thresholds;
        failover = failover == null ? FailoverSettings.defaults() : failover;
        objectives = objectives == null ? Objectives.none() : objectives;
    }

    /** A pair without objectives. */
    public PairConfig(String name, String primary, String secondary, List<ClusterConfig> clusters, TopicSelection topics,
                      List<ConsumerGroupConfig> consumerGroups, List<ProducerConfig> producers,
                      ReplicationSettings replication, Thresholds thresholds, boolean failoverRequiresApproval,
                      FailoverSettings failover) {
        this(name, primary, secondary, clusters, topics, consumerGroups, producers, replication, thresholds,
                failoverRequiresApproval, failover, null, null);
    }

    /** A pair without drill settings (their defaults apply). */
    public PairConfig(String name, String primary, String secondary, List<ClusterConfig> clusters, TopicSelection topics,
                      List<ConsumerGroupConfig> consumerGroups, List<ProducerConfig> producers,
                      ReplicationSettings replication, Thresholds thresholds, boolean failoverRequiresApproval,
                      FailoverSettings failover, Objectives objectives) {
        this(name, primary, secondary, clusters, topics, consumerGroups, producers, replication, thresholds,
                failoverRequiresApproval, failover, objectives, null);
    }

    /**
     * A pair the worker serves, named only: what {@code "pair": "<name>"} in a workflow input reads
     * as. The worker puts its registered pair in its place ({@link PairSource}).
     */
    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
    public static PairConfig named(String name) {
        return new PairConfig(name, null, null, null, null, null, null, null, null, false, null, null, null);
    }

    /** Whether this names a registered pair and brings nothing else ({@link #named}). */
    public boolean namesOnly() {
        return equals(named(name));
    }

    public Optional<ClusterConfig> findCluster(String alias) {
        return clusters == null
                ? Optional.empty()
                : clusters.stream().filter(c -> c != null && alias != null && alias.equals(c.alias())).findFirst();
    }

    public ClusterConfig cluster(String alias) {
        return findCluster(alias).orElseThrow(() -> new IllegalArgumentException(
                "pair '" + name + "' has no cluster with alias '" + alias + "'"));
    }

    public ClusterConfig primaryCluster() {
        return cluster(primary);
    }

    public ClusterConfig secondaryCluster() {
        return cluster(secondary);
    }

    /** The same pair with an explicit topic list (e.g. the data topics a regex matched). */
    public PairConfig withTopicNames(List<String> names) {
        String canary = topics == null ? null : topics.canary(); // a pair built without a selection (the benches')
        List<String> data = names.stream().filter(n -> !n.equals(canary)).toList();
        return withTopics(new TopicSelection(data, null, canary));
    }

    /** The same pair with other drill settings. */
    public PairConfig withDrill(DrillSettings settings) {
        return new PairConfig(name, primary, secondary, clusters, topics, consumerGroups,
                producers, replication, thresholds, failoverRequiresApproval, failover, objectives, settings);
    }

    /** The same pair with another topic selection. */
    public PairConfig withTopics(TopicSelection selection) {
        return new PairConfig(name, primary, secondary, clusters, selection, consumerGroups,
                producers, replication, thresholds, failoverRequiresApproval, failover, objectives, drill);
    }

    /**
     * The same pair without its consumer groups and producers: what a call about one client (which
     * carries its own binding) or about the clusters needs. Keeps activity inputs and histories
     * from growing with the number of groups.
     */
    public PairConfig withoutClients() {
        if (consumerGroups.isEmpty() && producers.isEmpty()) {
            return this;
        }
        return withClients(List.of(), List.of());
    }

    /** The same pair with other consumer groups and producers. */
    public PairConfig withClients(List<ConsumerGroupConfig> groups, List<ProducerConfig> producerList) {
        return new PairConfig(name, primary, secondary, clusters, topics, groups, producerList, replication, thresholds,
                failoverRequiresApproval, failover, objectives, drill);
    }

    /**
     * The same pair with its consumer groups and producers named but without their bindings: what
     * a call about the clusters, replication or the pair's lock needs (group names for MM2's
     * checkpoints, verification and salvage), at a fraction of the size when there are hundreds
     * of groups. Only the calls that move clients need the bindings.
     */
    public PairConfig withoutBindings() {
        if (consumerGroups.stream().allMatch(g -> g.binding() == null) && producers.stream().allMatch(p -> p.binding() == null)) {
            return this;
        }
        return withClients(consumerGroups.stream().map(g -> new ConsumerGroupConfig(g.group(), null, g.topics(), g.uncommitted())).toList(),
                producers.stream().map(p -> new ProducerConfig(p.name(), null)).toList());
    }

    public List<String> groupIds() {
        return consumerGroups.stream().map(ConsumerGroupConfig::group).toList();
    }
}
