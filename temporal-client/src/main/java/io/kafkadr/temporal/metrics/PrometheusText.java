package io.kafkadr.temporal.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Prometheus's text exposition format (version 0.0.4): the samples, each a metric name,
 * its labels and its value. Comments ({@code # HELP}, {@code # TYPE}) are skipped; a line that is
 * not a sample is an error naming the line. For tests and tools that read a {@code /metrics} page.
 */
public final class PrometheusText {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {

        /** Whether every label of {@code wanted} has that value here. */
        public boolean has(Map<String, String> wanted) {
            return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        }
    }

    private PrometheusText() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(l));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNo + " is not a sample of the text format ("
                        + e.getMessage() + "): " + line, e);
            }
        }
        return samples;
    }

    /** The names of the metric families sampled (a histogram's {@code _bucket}, {@code _sum}, {@code _count} as they are). */
    public static Set<String> names(List<Sample> samples) {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    private static Sample sample(String l) {
        int i = 0;
        while (i < l.length() && l.charAt(i) != '{' && l.charAt(i) != ' ') {
            i++;
        }
        String name = l.substring(0, i);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < l.length() && l.charAt(i) == '{') {
            i++;
            while (l.charAt(i) != '}') {
                int eq = l.indexOf('=', i);
                String key = l.substring(i, eq).strip();
                if (l.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label " + key + " without a quoted value");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; l.charAt(j) != '"'; j++) {
                    char c = l.charAt(j);
                    if (c == '\\') {
                        char next = l.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (l.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = l.substring(i).strip().split("\\s+");
        return new Sample(name, labels, value(rest[0]));
    }

    private static double value(String v) {
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }
}
