package io.kafkadr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kafkadr.bench.FailoverFigures.Ack;
import io.kafkadr.bench.FailoverFigures.Consumption;
import io.kafkadr.bench.FailoverFigures.GroupFigures;
import io.kafkadr.bench.FailoverFigures.Interval;
import io.kafkadr.bench.FailoverFigures.Kind;
import io.kafkadr.bench.FailoverFigures.Overhead;
import io.kafkadr.bench.FailoverFigures.ProducerFigures;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverFiguresTest {

    private static final String P = "primary";
    private static final String S = "secondary";

    private final List<Ack> acks = List.of(new Ack("p-0", P, 1000), new Ack("p-1", P, 1010), new Ack("p-2", S, 1500),
            new Ack("p-3", S, 1510));

    @Test
    void writeOutageIsLastAckOnTheOldClusterToFirstOnTheNew() {
        ProducerFigures f = FailoverFigures.producer(acks, P, S);
        assertEquals(4, f.acked());
        assertEquals(1010, f.lastAckOnFrom());
        assertEquals(1500, f.firstAckOnTo());
        assertEquals(490, f.writeOutageMillis());
    }

    @Test
    void aProducerThatNeverAckedOnTheNewClusterHasNoOutageFigure() {
        ProducerFigures f = FailoverFigures.producer(acks.subList(0, 2), P, S);
        assertEquals(-1, f.firstAckOnTo());
        assertEquals(-1, f.writeOutageMillis());
    }

    @Test
    void lossDuplicatesAndReadPauseOfAGroup() {
        List<Consumption> consumed = List.of(new Consumption("p-0", P, 1005), new Consumption("p-1", P, 1020),
                new Consumption("p-1", S, 1300), new Consumption("p-2", S, 1600),
                new Consumption("other-run-7", S, 900)); // not acknowledged in this run: ignored
        GroupFigures g = FailoverFigures.group("g1", acks, consumed, P, S);
        assertEquals(4, g.consumed());
        assertEquals(1, g.lost()); // p-3
        assertEquals(1, g.duplicates()); // p-1 twice
        assertEquals(1020, g.lastOnFrom());
        assertEquals(1300, g.firstOnTo());
        assertEquals(280, g.readPauseMillis());
    }

    @Test
    void aGroupThatNeverConsumedOnTheNewClusterHasNoPauseFigure() {
        GroupFigures g = FailoverFigures.group("g1", acks, List.of(new Consumption("p-0", P, 1005)), P, S);
        assertEquals(-1, g.readPauseMillis());
        assertEquals(3, g.lost());
    }

    @Test
    void overheadIsRtoMinusTheUnionOfClientAndDrainTimeClippedToTheRto() {
        long trigger = 10_000;
        List<Interval> intervals = List.of(
                // two groups stopped in parallel: 1 s of client time, not 2
                new Interval(Kind.CLIENT_STOP, "stop g1", 10_500, 11_500),
                new Interval(Kind.CLIENT_STOP, "stop g2", 10_600, 11_400),
                new Interval(Kind.CLIENT_START, "start g1", 12_000, 13_000),
                new Interval(Kind.CLIENT_STOP, "stop producer", 13_000, 13_500),
                new Interval(Kind.DRAIN, "drain", 13_500, 15_000),
                new Interval(Kind.CLIENT_START, "start producer", 15_200, 16_500),
                // after the producer was healthy: outside the RTO
                new Interval(Kind.CLIENT_START, "late", 17_000, 18_000));
        List<Interval> moves = List.of(new Interval(Kind.CLIENT_START, "g1", 10_500, 13_000),
                new Interval(Kind.CLIENT_START, "g2", 10_600, 12_500));
        Overhead o = FailoverFigures.overhead(trigger, 16_000, intervals, moves);
        assertEquals(6000, o.rtoMillis());
        assertEquals(1000 + 1000 + 500 + 800, o.clientMillis());
        assertEquals(1500, o.drainMillis());
        assertEquals(6000 - 3300 - 1500, o.overheadMillis());
        assertEquals(2, o.waves()); // the two groups overlap: one wave, plus the producers'
        assertEquals(600.0, o.overheadPerWaveMillis());
    }

    @Test
    void drainOverlappingClientTimeCountsOnce() {
        List<Interval> intervals = List.of(new Interval(Kind.CLIENT_STOP, "stop", 0, 1000),
                new Interval(Kind.DRAIN, "drain", 500, 2000));
        Overhead o = FailoverFigures.overhead(0, 3000, intervals, List.of());
        assertEquals(1000, o.clientMillis());
        assertEquals(1000, o.drainMillis());
        assertEquals(1000, o.overheadMillis());
        assertEquals(1, o.waves());
    }

    @Test
    void sequentialGroupMovesAreWavesOfTheirOwn() {
        List<Interval> moves = List.of(new Interval(Kind.CLIENT_START, "g1", 0, 100),
                new Interval(Kind.CLIENT_START, "g2", 101, 200), new Interval(Kind.CLIENT_START, "g3", 150, 300));
        assertEquals(2, FailoverFigures.waves(moves));
    }

    @Test
    void noHealthyProducerMeansNoRto() {
        Overhead o = FailoverFigures.overhead(0, -1, List.of(), List.of());
        assertEquals(-1, o.rtoMillis());
        assertEquals(-1, o.overheadMillis());
    }

    @Test
    void ratios() {
        assertEquals(0.5, FailoverFigures.ratio(1, 2));
        assertEquals(1.0, FailoverFigures.ratio(0, 0));
        assertNull(FailoverFigures.ratio(3, 0));
        assertNull(FailoverFigures.ratio(-1, 2));
    }

    @Test
    void anIntervalMayNotEndBeforeItStarts() {
        assertThrows(IllegalArgumentException.class, () -> new Interval(Kind.DRAIN, "x", 2, 1));
    }
}
