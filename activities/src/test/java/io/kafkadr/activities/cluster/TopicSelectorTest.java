package io.kafkadr.activities.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkadr.workflows.pair.TopicSelection;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicSelectorTest {

    private static final List<String> EXISTING = List.of(
            "payments", "orders", "orders.eu", "audit",
            "heartbeats", "primary.heartbeats", "mm2-offset-syncs.secondary.internal", "__consumer_offsets",
            "_dr.orphans.orders", "connect-configs.secondary.internal", "primary.checkpoints.internal");

    @Test
    void namesKeepOnlyExistingTopicsSorted() {
        assertEquals(List.of("orders", "payments"), TopicSelector.select(names("payments", "orders", "refunds"), EXISTING));
    }

    @Test
    void missingListsNamedTopicsTheClusterLacks() {
        assertEquals(List.of("invoices", "refunds"),
                TopicSelector.missing(names("refunds", "orders", "invoices"), EXISTING));
    }

    @Test
    void nothingIsMissingWhenAllNamedTopicsExist() {
        assertEquals(List.of(), TopicSelector.missing(names("orders", "audit"), EXISTING));
    }

    @Test
    void regexLeavesOutInternalTopics() {
        assertEquals(List.of("audit", "orders", "orders.eu", "payments"), TopicSelector.select(regex(".*"), EXISTING));
    }

    @Test
    void regexMustMatchTheWholeName() {
        assertEquals(List.of("orders.eu"), TopicSelector.select(regex("orders\\..*"), EXISTING));
    }

    @Test
    void regexSelectionHasNothingMissing() {
        assertEquals(List.of(), TopicSelector.missing(regex("refunds.*"), EXISTING));
    }

    private static TopicSelection names(String... names) {
        return new TopicSelection(List.of(names), null);
    }

    private static TopicSelection regex(String regex) {
        return new TopicSelection(null, regex);
    }
}
