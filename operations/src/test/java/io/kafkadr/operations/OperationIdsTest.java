package io.kafkadr.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperationIdsTest {

    @Test
    void aFailoverIsOnePerIncidentElseOnePerRequest() {
        assertEquals("failover/local/incident-INC-7", OperationIds.failover("local", "INC-7", 1));
        assertEquals(OperationIds.failover("local", "INC-7", 1), OperationIds.failover("local", "INC-7", 2));
        assertEquals("failover/local/1795601700101", OperationIds.failover("local", null, 1795601700101L));
        assertEquals("failback/local/5", OperationIds.failback("local", 5));
        assertEquals("dr-pair/local", OperationIds.pairEntity("local"));
    }

    @Test
    void theOperationOfAWorkflowIdIsItsFirstPart() {
        assertEquals(Optional.of(OperationKind.FAILOVER), OperationKind.ofWorkflowId("failover/local/incident-7"));
        assertEquals(Optional.of(OperationKind.DRILL), OperationKind.ofWorkflowId(OperationIds.drill("local", "x")));
        assertEquals(Optional.empty(), OperationKind.ofWorkflowId("dr-pair/local"));
        assertEquals(Optional.empty(), OperationKind.ofWorkflowId(null));
    }

    @Test
    void aPairIsProvisionedOnceAtATimeAndAPlanNeverJoinsTheRealRun() {
        assertEquals("provision/aws-example", OperationIds.provision("aws-example", false));
        assertEquals("provision/aws-example/plan", OperationIds.provision("aws-example", true));
        assertEquals("teardown/aws-example", OperationIds.teardown("aws-example"));
        assertEquals(Optional.of(OperationKind.PROVISION), OperationKind.ofWorkflowId(OperationIds.provision("p", true)));
        assertEquals(Optional.of(OperationKind.TEARDOWN), OperationKind.ofWorkflowId(OperationIds.teardown("p")));
    }
}
