package io.kafkadr.activities.cluster;

import io.kafkadr.activities.kafka.KafkaFailures;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.TopicSelection;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;

/**
 * Applies a pair's topic selection to the topics a cluster has, leaving out what MM2 itself
 * never mirrors (its default {@code topics.exclude}) and the topics of MM2, Connect and kafka-dr.
 */
public final class TopicSelector {

    private static final Pattern NEVER_MIRRORED = Pattern.compile(
            ".*[\\-.]internal|.*\\.replica|__.*|_dr\\..*|(.*\\.)?heartbeats|.*\\.checkpoints\\.internal");

    private TopicSelector() {
    }

    /** The selected topics that exist on {@code cluster}. */
    public static List<String> selectOn(Admin admin, ClusterConfig cluster, TopicSelection selection) {
        return select(selection, KafkaFailures.await(admin.listTopics().names(), cluster, "listing topics"));
    }

    static List<String> select(TopicSelection selection, Collection<String> existing) {
        if (selection.hasRegex()) {
            Pattern p = Pattern.compile(selection.regex());
            return existing.stream().filter(t -> p.matcher(t).matches())
                    .filter(t -> !NEVER_MIRRORED.matcher(t).matches()).sorted().toList();
        }
        return selection.names().stream().filter(existing::contains).sorted().toList();
    }

    static List<String> missing(TopicSelection selection, Collection<String> existing) {
        return selection.hasRegex() ? List.of()
                : selection.names().stream().filter(n -> !existing.contains(n)).sorted().toList();
    }
}
