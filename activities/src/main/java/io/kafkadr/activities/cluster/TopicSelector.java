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
 * never mirrors (its default {@code topics.exclude}) and the topics of MM2, Connect and kafka-dr
 * ({@link TopicSelection#isInternal}); the drill's canary topic is selected only when a drill
 * added it ({@link TopicSelection#canary}).
 */
public final class TopicSelector {

    private TopicSelector() {
    }

    /** The selected topics that exist on {@code cluster}. */
    public static List<String> selectOn(Admin admin, ClusterConfig cluster, TopicSelection selection) {
        return select(selection, KafkaFailures.await(admin.listTopics().names(), cluster, "listing topics"));
    }

    public static List<String> select(TopicSelection selection, Collection<String> existing) {
        if (selection.hasRegex()) {
            Pattern p = Pattern.compile(selection.regex());
            return existing.stream().filter(t -> p.matcher(t).matches() && !TopicSelection.isInternal(t)
                    || t.equals(selection.canary())).sorted().toList();
        }
        return selection.listed().stream().filter(existing::contains).sorted().toList();
    }

    static List<String> missing(TopicSelection selection, Collection<String> existing) {
        List<String> listed = selection.hasRegex()
                ? (selection.canary() == null ? List.of() : List.of(selection.canary())) : selection.listed();
        return listed.stream().filter(n -> !existing.contains(n)).sorted().toList();
    }
}
