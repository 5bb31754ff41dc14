package io.kafkadr.activities.connect;

import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ReplicationSettings;
import io.kafkadr.workflows.pair.SecurityConfig;
import io.kafkadr.workflows.pair.TopicSelection;
import java.util.List;

/** Pairs built in code for the connect tests: pair "test", clusters "a" (primary) and "b". */
final class TestPairs {

    static final String PRIMARY_BOOTSTRAP = "a-1.example:9092";
    static final String SECONDARY_BOOTSTRAP = "b-1.example:9092,b-2.example:9092";

    private TestPairs() {
    }

    static ClusterConfig cluster(String alias, String bootstrap, String connectUrl, SecurityConfig security) {
        return new ClusterConfig(alias, bootstrap, "region-" + alias, connectUrl, security);
    }

    static PairConfig pair(ClusterConfig a, ClusterConfig b, TopicSelection topics, ReplicationSettings replication) {
        List<ConsumerGroupConfig> groups = List.of(
                new ConsumerGroupConfig("orders-app", new ClientBinding("process", null)),
                new ConsumerGroupConfig("billing.v2", new ClientBinding("process", null)));
        return new PairConfig("test", a.alias(), b.alias(), List.of(a, b), topics, groups, List.of(),
                replication, null, false, null);
    }

    /** Plaintext pair whose secondary's Connect group answers at {@code secondaryConnectUrl}. */
    static PairConfig plaintext(String secondaryConnectUrl) {
        return pair(cluster("a", PRIMARY_BOOTSTRAP, "http://127.0.0.1:1", null),
                cluster("b", SECONDARY_BOOTSTRAP, secondaryConnectUrl, null),
                names("orders"), ReplicationSettings.defaults());
    }

    static TopicSelection names(String... names) {
        return new TopicSelection(List.of(names), null);
    }
}
