package io.kafkadr.workflows.pair;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkadr.workflows.testing.Pairs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the pairs derived by workflow code bring: nothing the registered pair lacks. */
class PairNarrowingTest {

    private static final PairConfig REGISTERED = Pairs.builder().groups("g1", "g2").producers("p1").build();

    @Test
    void whatOperationsDeriveOnlyNarrows() {
        assertEquals(List.of(), PairNarrowing.beyond(REGISTERED, REGISTERED.withoutBindings()));
        assertEquals(List.of(), PairNarrowing.beyond(REGISTERED, REGISTERED.withoutClients()));
        assertEquals(List.of(), PairNarrowing.beyond(REGISTERED, REGISTERED.withTopicNames(List.of(Pairs.TOPIC))));
    }

    /** A drill with the canary adds its topic and group (binding 'canary', which runs nothing). */
    @Test
    void theDrillsCanaryNarrows() {
        List<ConsumerGroupConfig> groups = new ArrayList<>(REGISTERED.consumerGroups());
        groups.add(new ConsumerGroupConfig(DrillSettings.canaryGroup(REGISTERED.name()), ClientBinding.canary()));
        PairConfig drilled = REGISTERED.withTopics(REGISTERED.topics().withCanary(TopicSelection.CANARY_TOPIC))
                .withClients(groups, REGISTERED.producers());

        assertEquals(List.of(), PairNarrowing.beyond(REGISTERED, drilled));
        assertEquals(List.of(), PairNarrowing.beyond(REGISTERED, drilled.withoutBindings()));
    }

    @Test
    void aCanaryBindingOnAnApplicationsGroupIsAnotherBinding() {
        PairConfig disguised = REGISTERED.withClients(List.of(new ConsumerGroupConfig("g1", ClientBinding.canary())),
                List.of());

        assertEquals(List.of("consumer g1 binding.type: 'canary' instead of the registered 'process'",
                        "consumer g1 binding.settings.app: (none) instead of the registered 'consumer-g1'"),
                PairNarrowing.beyond(REGISTERED, disguised));
    }

    @Test
    void aClientThePairDoesNotHaveIsRefusedEvenWithoutBinding() {
        PairConfig more = REGISTERED.withClients(List.of(new ConsumerGroupConfig("other", null)), List.of());

        assertEquals(List.of("consumer other: not a client of the registered pair"), PairNarrowing.beyond(REGISTERED, more));
    }
}
