package io.kafkadr.starter.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The local drill's pair follows the stack's ports. */
class DrillLocalPairTest {

    @Test
    void clustersPointAtTheStacksEndpointsAndTheRestStays() throws Exception {
        PairConfig shipped = PairConfigParser.parseFile(Path.of("..", "pairs", "local.yaml"));
        var endpoints = new ObjectMapper().readTree("""
                {"temporal": "127.0.0.1:7433", "kafka-primary": "127.0.0.1:19292", "kafka-secondary": "127.0.0.1:29292",
                 "connect-primary-1": "http://127.0.0.1:8284", "connect-secondary-1": "http://127.0.0.1:8283"}""");

        PairConfig onStack = LocalPair.at(shipped, endpoints);

        assertEquals("127.0.0.1:19292", onStack.primaryCluster().bootstrapServers());
        assertEquals("http://127.0.0.1:8283", onStack.secondaryCluster().connectUrl());
        assertEquals(shipped.consumerGroups(), onStack.consumerGroups());
        assertEquals(shipped.thresholds(), onStack.thresholds());
        assertEquals(shipped, LocalPair.at(shipped, new ObjectMapper().readTree("{}")), "no endpoints: unchanged");
    }
}
