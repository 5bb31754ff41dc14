package io.kafkadr.workflows.verify;

/**
 * One verification check: a measured figure against its threshold.
 *
 * @param name      what was checked, e.g. {@code count:orders-0}
 * @param value     the measured figure
 * @param threshold the limit it is held to
 * @param passed    whether the figure is within the limit
 * @param detail    the figures behind the value, for people
 */
public record Check(String name, long value, long threshold, boolean passed, String detail) {

    static Check atMost(String name, long value, long max, String detail) {
        return new Check(name, value, max, value <= max, detail);
    }

    static Check atLeast(String name, long value, long min, String detail) {
        return new Check(name, value, min, value >= min, detail);
    }
}
