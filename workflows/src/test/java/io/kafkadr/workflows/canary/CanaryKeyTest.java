package io.kafkadr.workflows.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanaryKeyTest {

    @Test
    void aKeyReadsBackAsTheRecordItNames() {
        String key = new CanaryKey(2, 517).format("run-1");
        assertEquals("run-1/2/517", key);
        assertEquals(Optional.of(new CanaryKey(2, 517)), CanaryKey.parse(key, "run-1"));
    }

    @Test
    void otherDrillsKeysAndMalformedKeysAreNotThisDrills() {
        assertEquals(Optional.empty(), CanaryKey.parse("run-2/2/517", "run-1"));
        assertEquals(Optional.empty(), CanaryKey.parse("run-10/2/517", "run-1"), "a run id that only starts the same");
        assertEquals(Optional.empty(), CanaryKey.parse("run-1/2", "run-1"));
        assertEquals(Optional.empty(), CanaryKey.parse("run-1/2/517/9", "run-1"));
        assertEquals(Optional.empty(), CanaryKey.parse("run-1/x/517", "run-1"));
        assertEquals(Optional.empty(), CanaryKey.parse("run-1/2/", "run-1"));
        assertEquals(Optional.empty(), CanaryKey.parse(null, "run-1"));
    }
}
