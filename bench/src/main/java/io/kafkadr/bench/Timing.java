package io.kafkadr.bench;

import io.kafkadr.workflows.operation.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a failover's time went: durations grouped by name, in order of first appearance. Used
 * for the report's timeline (steps by kind, the client's name dropped: {@code hand over consumer
 * g7} is kind {@code hand over consumer}) and for the histories' activities (scheduled to closed,
 * by activity type). Steps of different groups may overlap, so totals can exceed the wall time.
 */
record Timing(String name, int count, long totalMillis, long maxMillis) {

    record Sample(String name, long millis) {
    }

    static List<Timing> of(List<Sample> samples) {
        Map<String, long[]> byName = new LinkedHashMap<>();
        for (Sample s : samples) {
            long[] a = byName.computeIfAbsent(s.name(), k -> new long[3]);
            long d = Math.max(0, s.millis());
            a[0]++;
            a[1] += d;
            a[2] = Math.max(a[2], d);
        }
        List<Timing> out = new ArrayList<>();
        byName.forEach((k, a) -> out.add(new Timing(k, (int) a[0], a[1], a[2])));
        return out;
    }

    static List<Timing> steps(List<Step> timeline) {
        return of(timeline.stream().map(s -> new Sample(kind(s.name()), s.durationMillis())).toList());
    }

    static String kind(String stepName) {
        for (String client : List.of(" consumer ", " producer ", " group ")) {
            int i = stepName.indexOf(client);
            if (i >= 0) {
                return stepName.substring(0, i + client.length() - 1);
            }
        }
        return stepName;
    }
}
