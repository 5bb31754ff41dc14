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
                {"endpoints": {"temporal": "127.0.0.1:7433", "kafka-primary": "127.0.0.1:19292",
                 "kafka-secondary": "127.0.0.1:29292",
                 "connect-primary-1": "http://127.0.0.1:8284", "connect-secondary-1": "http://127.0.0.1:8283"}}""");

        PairConfig onStack = LocalPair.at(shipped, endpoints);

        assertEquals("127.0.0.1:19292", onStack.primaryCluster().bootstrapServers());
        assertEquals("http://127.0.0.1:8283", onStack.secondaryCluster().connectUrl());
        assertEquals(shipped.consumerGroups(), onStack.consumerGroups());
        assertEquals(shipped.thresholds(), onStack.thresholds());
        assertEquals(shipped, LocalPair.at(shipped, new ObjectMapper().readTree("{}")), "no endpoints: unchanged");
        assertEquals(null, onStack.primaryCluster().security(), "a PLAINTEXT stack: no security");
    }

    @Test
    void onASecureStackEveryClusterGetsTheStacksSecurity() throws Exception {
        PairConfig shipped = PairConfigParser.parseFile(Path.of("..", "pairs", "local.yaml"));
        var status = new ObjectMapper().readTree("""
                {"endpoints": {}, "security": {"protocol": "SASL_SSL", "saslMechanism": "SCRAM-SHA-512",
                 "secretRef": "file:/s/kafka-dr.json", "connectSecretRef": "file:/s/connect/mm2.properties",
                 "mm2Principal": "User:mm2", "tls": {"caFile": "/s/ca.pem"}}}""");

        PairConfig onStack = io.kafkadr.workflows.pair.PairValidator.validate(LocalPair.at(shipped, status), "test");

        for (var cluster : onStack.clusters()) {
            assertEquals("SASL_SSL", cluster.security().protocol());
            assertEquals("file:/s/kafka-dr.json", cluster.security().secretRef());
            assertEquals("file:/s/connect/mm2.properties", cluster.security().connectSecretRef());
            assertEquals("User:mm2", cluster.security().mm2Principal());
            assertEquals("/s/ca.pem", cluster.security().tls().caFile());
        }
    }
}
