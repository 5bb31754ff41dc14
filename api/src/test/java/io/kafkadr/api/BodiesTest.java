package io.kafkadr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.kafkadr.operations.OperationFailedException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodiesTest {

    @Test
    void aFailoverNeedsAnIncidentAndAMode() {
        Bodies.Failover f = read("{\"incidentId\":\"INC-7\",\"mode\":\"unplanned\"}", Bodies.Failover.class);
        assertEquals("requested through the incident API", f.reason());
        assertNull(f.requireApproval(), "absent: the pair decides");
        assertTrue(refusal("{\"mode\":\"planned\"}", Bodies.Failover.class).contains("incidentId is missing"));
        assertTrue(refusal("{\"incidentId\":\"../x\",\"mode\":\"planned\"}", Bodies.Failover.class).contains("'../x'"));
        assertTrue(refusal("{\"incidentId\":\"I\",\"mode\":\"planned\",\"requireApproval\":\"yes\"}", Bodies.Failover.class)
                .contains("requireApproval"));
        assertTrue(refusal("{\"incidentId\":\"I\",\"mode\":\"planned\",\"by\":\"me\"}", Bodies.Failover.class)
                .contains("unknown field \"by\""));
        assertTrue(refusal("[1]", Bodies.Failover.class).contains("must be an object"));
        assertTrue(refusal("{\"incidentId\":\"I\",\"mode\":\"planned\"}{}", Bodies.Failover.class).contains("more after"));
    }

    @Test
    void anEmptyBodyIsAllFieldsAbsentAndADecisionIsCheckedLikeDrctls() {
        assertEquals("", read("", Bodies.Approve.class).reason());
        assertTrue(refusal("{\"client\":\"consumer orders\",\"action\":\"jump\"}", Bodies.Decide.class)
                .contains("unknown action 'jump'"));
        assertTrue(refusal("{\"action\":\"retry\"}", Bodies.Decide.class).contains("needs 'client'"));
    }

    @Test
    void temporalOutOfReachIs503WithRetryAfterAndOtherFailuresAreNotMapped() {
        ApiError unavailable = Failures.of(new RuntimeException(Status.UNAVAILABLE.asRuntimeException())).orElseThrow();
        assertEquals(503, unavailable.status());
        assertEquals(Failures.RETRY_AFTER_SECONDS, unavailable.retryAfterSeconds());
        assertEquals(503, Failures.of(new OperationFailedException("cannot reach Temporal", "Unreachable")).orElseThrow()
                .status());
        assertEquals(409, Failures.of(ApiError.inFlight("local", "failover/local/1")).orElseThrow().status());
        assertTrue(Failures.of(new IllegalStateException("bug")).isEmpty());
        assertTrue(Failures.of(Status.NOT_FOUND.asRuntimeException()).isEmpty());
    }

    private static <T extends Bodies.Checked<T>> T read(String json, Class<T> type) {
        return Bodies.read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static String refusal(String json, Class<? extends Bodies.Checked<?>> type) {
        ApiError e = assertThrows(ApiError.class, () -> Bodies.read(json.getBytes(StandardCharsets.UTF_8), (Class) type));
        assertEquals(400, e.status());
        return e.getMessage();
    }
}
