package io.kafkadr.workflows.pair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairConfigTest {

    /**
     * A pair built in code without a topic selection (drctl bench replication's, per bench topic)
     * takes an explicit topic list: it died with a NullPointerException on the missing canary.
     */
    @Test
    void aPairWithoutATopicSelectionTakesTopicNames() {
        PairConfig bare = new PairConfig("bench", "primary", "secondary", List.of(), null, null, null, null, null,
                false, null);
        PairConfig named = bare.withTopicNames(List.of("bench.data"));
        assertEquals(List.of("bench.data"), named.topics().names());
        assertNull(named.topics().canary());
    }
}
