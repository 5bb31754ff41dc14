package io.kafkadr.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure calculations of {@code drctl bench failover}: what the clients' own ledgers and the
 * measured intervals of a run say about it. No I/O, no clock.
 */
public final class FailoverFigures {

    /** A record the producer had acknowledged, on {@code cluster}, at {@code atMillis}. */
    public record Ack(String id, String cluster, long atMillis) {
    }

    /** A record a group consumed, on {@code cluster}, at {@code atMillis} (duplicates are separate lines). */
    public record Consumption(String id, String cluster, long atMillis) {
    }

    /** What a run spent its time on, besides orchestration. */
    public enum Kind { CLIENT_STOP, CLIENT_START, DRAIN }

    public record Interval(Kind kind, String what, long startMillis, long endMillis) {
        public Interval {
            if (endMillis < startMillis) {
                throw new IllegalArgumentException(what + ": ends (" + endMillis + ") before it starts (" + startMillis + ")");
            }
        }
    }

    /**
     * @param acked            records acknowledged by the producer in the run
     * @param lastAckOnFrom    the producer's last acknowledgement on the old cluster (-1: none)
     * @param firstAckOnTo     its first acknowledgement on the new cluster (-1: none, it never became healthy)
     * @param writeOutageMillis {@code firstAckOnTo - lastAckOnFrom} (-1 when either is missing)
     */
    public record ProducerFigures(long acked, long lastAckOnFrom, long firstAckOnTo, long writeOutageMillis) {
    }

    /**
     * @param lost            acknowledged records the group never consumed
     * @param duplicates      consumption lines beyond the first per record
     * @param readPauseMillis last consumption on the old cluster to the first on the new one (-1 when either is missing)
     */
    public record GroupFigures(String group, long consumed, long lost, long duplicates, long lastOnFrom, long firstOnTo,
                               long readPauseMillis) {
    }

    /**
     * @param rtoMillis        trigger to the first acknowledgement on the new cluster (-1: never)
     * @param clientMillis     the part of the RTO spent stopping and starting clients (union of their intervals)
     * @param drainMillis      the part of the RTO spent waiting for replication to drain, not overlapping client time
     * @param overheadMillis   RTO minus client and drain time
     * @param waves            consumer waves (groups moved at overlapping times form one) plus the producers' wave
     */
    public record Overhead(long rtoMillis, long clientMillis, long drainMillis, long overheadMillis, int waves) {
        public double overheadPerWaveMillis() {
            return waves == 0 ? overheadMillis : (double) overheadMillis / waves;
        }
    }

    private FailoverFigures() {
    }

    public static ProducerFigures producer(List<Ack> acks, String from, String to) {
        long lastFrom = acks.stream().filter(a -> a.cluster().equals(from)).mapToLong(Ack::atMillis).max().orElse(-1);
        long firstTo = acks.stream().filter(a -> a.cluster().equals(to)).mapToLong(Ack::atMillis).min().orElse(-1);
        long outage = lastFrom < 0 || firstTo < 0 ? -1 : firstTo - lastFrom;
        return new ProducerFigures(acks.stream().map(Ack::id).distinct().count(), lastFrom, firstTo, outage);
    }

    /** Loss, duplicates and read pause of one group; only consumptions of acknowledged records count. */
    public static GroupFigures group(String group, List<Ack> acks, List<Consumption> consumed, String from, String to) {
        Set<String> acked = new HashSet<>();
        acks.forEach(a -> acked.add(a.id()));
        Map<String, Integer> seen = new HashMap<>();
        long lastFrom = -1;
        long firstTo = -1;
        for (Consumption c : consumed) {
            if (!acked.contains(c.id())) {
                continue;
            }
            seen.merge(c.id(), 1, Integer::sum);
            if (c.cluster().equals(from)) {
                lastFrom = Math.max(lastFrom, c.atMillis());
            } else if (c.cluster().equals(to)) {
                firstTo = firstTo < 0 ? c.atMillis() : Math.min(firstTo, c.atMillis());
            }
        }
        long lines = seen.values().stream().mapToLong(Integer::longValue).sum();
        long pause = lastFrom < 0 || firstTo < 0 ? -1 : firstTo - lastFrom;
        return new GroupFigures(group, lines, acked.size() - seen.size(), lines - seen.size(), lastFrom, firstTo, pause);
    }

    /**
     * Orchestration overhead: the RTO minus the time clients spent stopping and starting and the
     * time spent waiting for replication to drain. Intervals are clipped to [trigger, healthy] and
     * merged, so parallel moves count once.
     *
     * @param groupMoves per group, from its stop to its start on the new cluster completing; these
     *                   define the consumer waves (overlapping moves are one wave)
     */
    public static Overhead overhead(long triggerMillis, long healthyMillis, List<Interval> intervals,
                                    List<Interval> groupMoves) {
        if (healthyMillis < 0) {
            return new Overhead(-1, 0, 0, -1, waves(groupMoves) + 1);
        }
        long rto = healthyMillis - triggerMillis;
        List<Interval> clients = intervals.stream().filter(i -> i.kind() != Kind.DRAIN).toList();
        long clientMillis = covered(clients, triggerMillis, healthyMillis);
        long allMillis = covered(intervals, triggerMillis, healthyMillis);
        long drainMillis = allMillis - clientMillis;
        return new Overhead(rto, clientMillis, drainMillis, rto - allMillis, waves(groupMoves) + 1);
    }

    /** Length of the union of the intervals within [from, to]. */
    static long covered(List<Interval> intervals, long from, long to) {
        List<long[]> clipped = new ArrayList<>();
        for (Interval i : intervals) {
            long s = Math.max(from, i.startMillis());
            long e = Math.min(to, i.endMillis());
            if (e > s) {
                clipped.add(new long[] {s, e});
            }
        }
        clipped.sort(Comparator.comparingLong(a -> a[0]));
        long total = 0;
        long curStart = -1;
        long curEnd = -1;
        for (long[] c : clipped) {
            if (curEnd < 0 || c[0] > curEnd) {
                total += curEnd - curStart;
                curStart = c[0];
                curEnd = c[1];
            } else {
                curEnd = Math.max(curEnd, c[1]);
            }
        }
        return total + (curEnd - curStart);
    }

    /** Connected components of overlapping intervals. */
    static int waves(List<Interval> moves) {
        List<Interval> sorted = moves.stream().sorted(Comparator.comparingLong(Interval::startMillis)).toList();
        int waves = 0;
        long end = Long.MIN_VALUE;
        for (Interval m : sorted) {
            if (m.startMillis() > end) {
                waves++;
                end = m.endMillis();
            } else {
                end = Math.max(end, m.endMillis());
            }
        }
        return waves;
    }

    /** {@code numerator / denominator}, or null when either is unknown (negative) or the denominator is 0. */
    public static Double ratio(double numerator, double denominator) {
        if (numerator < 0 || denominator <= 0) {
            return numerator == 0 && denominator == 0 ? 1.0 : null;
        }
        return numerator / denominator;
    }
}
