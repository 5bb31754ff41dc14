package io.kafkadr.workflows.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProvisionOptionsTest {

    /**
     * A provisioning step lost with its worker is retried after the heartbeat timeout, well before
     * the step's own limit; the activities heartbeat on every AWS request (AwsEndpoints' clients).
     */
    @Test
    void aLostAttemptIsNoticedByItsHeartbeatLongBeforeTheStepTimesOut() {
        assertEquals(ProvisionOptions.HEARTBEAT, ProvisionOptions.AWS_CALLS.getHeartbeatTimeout());
        assertEquals(ProvisionOptions.STEP, ProvisionOptions.AWS_CALLS.getStartToCloseTimeout());
        assertTrue(ProvisionOptions.HEARTBEAT.multipliedBy(4).compareTo(ProvisionOptions.STEP) <= 0);
        assertTrue(ProvisionOptions.HEARTBEAT.getSeconds() > 60, "longer than one AWS request (MSK: 60 s call timeout)");
    }
}
