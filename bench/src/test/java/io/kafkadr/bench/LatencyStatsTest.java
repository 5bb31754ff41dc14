package io.kafkadr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void nearestRankPercentiles() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        LatencyStats s = LatencyStats.of(oneToHundred);
        assertEquals(new LatencyStats(100, 50, 99, 100), s);
    }

    @Test
    void unsortedInputIsSortedAndNotModified() {
        long[] samples = {900, 5, 30, 7};
        LatencyStats s = LatencyStats.of(samples);
        assertEquals(new LatencyStats(4, 7, 900, 900), s);
        assertEquals(900, samples[0]);
    }

    @Test
    void oneSample() {
        assertEquals(new LatencyStats(1, 12, 12, 12), LatencyStats.of(new long[] {12}));
    }

    @Test
    void noSampleIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.of(new long[0]));
    }
}
