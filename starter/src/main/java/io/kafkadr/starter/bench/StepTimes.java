package io.kafkadr.starter.bench;

import io.kafkadr.workflows.failover.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a failover's time went: its timeline's steps grouped by kind, the client's name
 * dropped ({@code hand over consumer g7} is kind {@code hand over consumer}), in order of first
 * appearance. Steps of different groups may overlap, so totals can exceed the wall time.
 */
record StepTimes(String step, int count, long totalMillis, long maxMillis) {

    static List<StepTimes> of(List<Step> timeline) {
        Map<String, long[]> byKind = new LinkedHashMap<>();
        for (Step s : timeline) {
            long[] a = byKind.computeIfAbsent(kind(s.name()), k -> new long[3]);
            long d = Math.max(0, s.durationMillis());
            a[0]++;
            a[1] += d;
            a[2] = Math.max(a[2], d);
        }
        List<StepTimes> out = new ArrayList<>();
        byKind.forEach((k, a) -> out.add(new StepTimes(k, (int) a[0], a[1], a[2])));
        return out;
    }

    static String kind(String name) {
        for (String client : List.of(" consumer ", " producer ", " group ")) {
            int i = name.indexOf(client);
            if (i >= 0) {
                return name.substring(0, i + client.length() - 1);
            }
        }
        return name;
    }
}
