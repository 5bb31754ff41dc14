package io.kafkadr.operations.report;

import io.kafkadr.workflows.operation.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The timeline picture: one bar ({@code <rect class="step ...">}) per step on a time axis from
 * the operation's start. Up to {@link #ONE_ROW_PER_STEP_UP_TO} steps each has a row with its
 * name and duration; above that a client's steps (stop, hand over, start, health ...) share its
 * row, so a row is a group, and the picture grows in height with the number of rows. Every bar
 * carries its step's name, duration and detail as a tooltip.
 */
public final class TimelineSvg {

    public static final int ONE_ROW_PER_STEP_UP_TO = 50;
    static final int WIDTH = 980;
    static final int LABEL_RIGHT = 270;
    static final int CHART_LEFT = 280;
    static final int CHART_WIDTH = 600;
    static final int ROW = 22;
    static final int TOP = 28;
    static final int LABEL_CHARS = 42;
    private static final Pattern CLIENT_STEP = Pattern.compile("(hand over|hand back|stop|start|restart|health|roll back) (.+)");

    private final Formats formats;

    public TimelineSvg(Formats formats) {
        this.formats = formats;
    }

    record Row(String label, List<Step> steps) {
    }

    public Html render(List<Step> steps, long originMillis, long endMillis) {
        List<Step> sorted = steps.stream().sorted(Comparator.comparingLong(Step::startedAtMillis)).toList();
        long end = Math.max(endMillis, sorted.stream().mapToLong(Step::endedAtMillis).max().orElse(endMillis));
        long span = Math.max(1, end - originMillis);
        boolean grouped = sorted.size() > ONE_ROW_PER_STEP_UP_TO;
        List<Row> rows = grouped ? bySubject(sorted) : sorted.stream().map(s -> new Row(s.name(), List.of(s))).toList();
        int height = TOP + rows.size() * ROW + 12;
        Html svg = new Html().open("svg", "class", "timeline", "data-steps", steps.size(), "data-grouped", grouped,
                "viewBox", "0 0 " + WIDTH + " " + height, "width", WIDTH, "height", height, "role", "img",
                "aria-label", "timeline of " + steps.size() + " steps over " + formats.duration(span));
        axis(svg, span, height);
        for (int i = 0; i < rows.size(); i++) {
            row(svg, rows.get(i), TOP + i * ROW, originMillis, span, !grouped);
        }
        return svg.close("svg");
    }

    private void axis(Html svg, long span, int height) {
        long tick = niceTick(span / 8.0);
        for (long t = 0; t <= span; t += tick) {
            double x = x(t, span);
            svg.empty("line", "class", "tick", "x1", fmt(x), "y1", TOP - 6, "x2", fmt(x), "y2", height - 8);
            svg.element("text", formats.duration(t), "class", "tick-label", "x", fmt(x), "y", TOP - 10, "text-anchor", "middle");
        }
    }

    private void row(Html svg, Row row, int y, long origin, long span, boolean withDuration) {
        String label = row.label().length() > LABEL_CHARS ? row.label().substring(0, LABEL_CHARS - 1) + "\u2026" : row.label();
        svg.open("text", "class", "step-label", "x", LABEL_RIGHT, "y", y + 15, "text-anchor", "end")
                .element("title", row.label()).text(label).close("text");
        for (Step s : row.steps()) {
            double x = x(s.startedAtMillis() - origin, span);
            double w = Math.max(2, x(s.endedAtMillis() - origin, span) - x);
            svg.open("rect", "class", "step " + kind(s), "x", fmt(x), "y", y + 4, "width", fmt(w), "height", 14, "rx", 2)
                    .element("title", s.name() + " (" + formats.duration(s.durationMillis()) + ")"
                            + (s.detail() == null || s.detail().isBlank() ? "" : ": " + s.detail()))
                    .close("rect");
            if (withDuration) {
                svg.element("text", formats.duration(s.durationMillis()), "class", "duration", "x", fmt(x + w + 4),
                        "y", y + 15);
            }
        }
    }

    /** A client's steps in one row, named after the client; other steps alone, in order of their first start. */
    static List<Row> bySubject(List<Step> sorted) {
        Map<String, List<Step>> rows = new LinkedHashMap<>();
        for (Step s : sorted) {
            Matcher m = CLIENT_STEP.matcher(s.name());
            rows.computeIfAbsent(m.matches() ? m.group(2) : s.name(), k -> new ArrayList<>()).add(s);
        }
        return rows.entrySet().stream().map(e -> new Row(e.getValue().size() == 1 ? e.getKey()
                : e.getKey() + " (" + e.getValue().size() + " steps)", e.getValue())).toList();
    }

    /** The CSS class of a step's bar: what kind of step it is. */
    static String kind(Step s) {
        String name = s.name();
        String detail = s.detail() == null ? "" : s.detail();
        if (name.equals("approval") || name.startsWith("await")) {
            return "gate";
        }
        if (detail.startsWith("UNHEALTHY") || name.startsWith("roll back") || name.startsWith("restart")) {
            return "trouble";
        }
        if (name.startsWith("health")) {
            return "health";
        }
        if (name.startsWith("hand over") || name.startsWith("hand back")) {
            return "handover";
        }
        if (name.startsWith("stop ") || name.startsWith("start ")) {
            return "client";
        }
        return "op";
    }

    /** 1, 2 or 5 times a power of ten milliseconds, at least {@code atLeast}. */
    static long niceTick(double atLeast) {
        for (long p = 1; ; p *= 10) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * p >= atLeast) {
                    return m * p;
                }
            }
        }
    }

    private static double x(long offsetMillis, long span) {
        return CHART_LEFT + Math.max(0, Math.min(offsetMillis, span)) * (double) CHART_WIDTH / span;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
