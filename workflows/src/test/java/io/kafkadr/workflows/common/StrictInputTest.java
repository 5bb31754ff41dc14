package io.kafkadr.workflows.common;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.failback.FailbackRequest;
import io.kafkadr.workflows.failover.FailoverRequest;
import io.kafkadr.workflows.replication.ReplicationSetupRequest;
import org.junit.jupiter.api.Test;

/**
 * What Jackson accepts by default and an operator's input must not: each is refused at once,
 * naming the field and saying what to write instead.
 */
class StrictInputTest {

    private static String refusal(String json, Class<?> type) {
        return assertThrows(StrictInput.InvalidInputException.class,
                () -> StrictInput.read(json.getBytes(UTF_8), type), "accepted: " + json).getMessage();
    }

    private static void assertContains(String message, String... expected) {
        for (String e : expected) {
            assertTrue(message.contains(e), () -> "expected '" + e + "' in: " + message);
        }
    }

    @Test
    void textAfterTheObjectIsRefused() {
        assertContains(refusal("{\"pairFile\": \"pairs/test.yaml\", \"mode\": \"planned\"} {\"force\": true}",
                FailoverRequest.class), "after the end of the input", "remove it");
        assertContains(refusal("{\"pairFile\": \"pairs/test.yaml\"} x", FailbackRequest.class),
                "the input is not valid JSON: Unrecognized token 'x'");
    }

    @Test
    void aFieldGivenTwiceIsRefusedNotLastOneWins() {
        assertContains(refusal("{\"pairFile\": \"pairs/test.yaml\", \"mode\": \"planned\", \"mode\": \"unplanned\"}",
                FailoverRequest.class), "input field \"mode\" is given twice", "keep one");
    }

    @Test
    void aFieldGivenTwiceInsideANestedObjectIsNamedWithItsPath() {
        assertContains(refusal("{\"pairFile\": \"pairs/test.yaml\", \"direction\": {\"source\": \"primary\", "
                        + "\"source\": \"secondary\", \"target\": \"primary\"}}", ReplicationSetupRequest.class),
                "input field \"direction.source\" is given twice");
    }

    @Test
    void aStringForABooleanIsRefused() {
        assertContains(refusal("{\"pairFile\": \"pairs/test.yaml\", \"requireApproval\": \"true\"}", FailbackRequest.class),
                "input field \"requireApproval\": expected true or false, got a string (\"true\")",
                "write true or false without quotes");
        assertContains(refusal("{\"pairFile\": \"pairs/test.yaml\", \"mode\": \"unplanned\", \"force\": \"yes\"}",
                FailoverRequest.class), "input field \"force\": expected true or false, got a string");
    }

    @Test
    void aNumberForABooleanIsRefused() {
        assertContains(refusal("{\"pairFile\": \"pairs/test.yaml\", \"requireApproval\": 1}", FailbackRequest.class),
                "input field \"requireApproval\": expected true or false, got a number");
    }

    @Test
    void aDecimalForAWholeNumberIsRefused() {
        assertContains(refusal("{\"pairFile\": \"pairs/test.yaml\", \"startOffsets\": [{\"topic\": \"orders\", "
                        + "\"partition\": 1.9, \"offset\": 5}]}", ReplicationSetupRequest.class),
                "input field \"startOffsets[0].partition\": expected a whole number, got a decimal number (1.9)");
    }

    @Test
    void aStringForANumberIsRefused() {
        assertContains(refusal("{\"pairFile\": \"pairs/test.yaml\", \"startOffsets\": [{\"topic\": \"orders\", "
                        + "\"partition\": \"1\", \"offset\": 5}]}", ReplicationSetupRequest.class),
                "input field \"startOffsets[0].partition\": expected a whole number, got a string (\"1\")",
                "without quotes");
    }

    @Test
    void aNumberOrBooleanForAStringIsRefused() {
        assertContains(refusal("{\"pairFile\": \"pairs/test.yaml\", \"reason\": 42}", FailbackRequest.class),
                "input field \"reason\": expected a string, got a number (42)", "in quotes");
        assertContains(refusal("{\"pairFile\": true}", FailbackRequest.class),
                "input field \"pairFile\": expected a string, got a boolean");
    }

    @Test
    void aValidInputStillReads() {
        FailoverRequest request = StrictInput.read(("{\"pairFile\": \"pairs/test.yaml\", \"mode\": \"planned\", "
                + "\"requireApproval\": true, \"force\": false}").getBytes(UTF_8), FailoverRequest.class);
        assertEquals(Boolean.TRUE, request.requireApproval());
        assertEquals("pairs/test.yaml", request.pairFile());
    }
}
