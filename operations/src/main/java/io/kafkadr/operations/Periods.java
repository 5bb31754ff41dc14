package io.kafkadr.operations;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The period syntax of drctl's options ({@code 90m}, {@code 12h}, {@code 7d}), in one place. Pure. */
public final class Periods {

    private static final Pattern PERIOD = Pattern.compile("(\\d+)([mhd])");

    private Periods() {
    }

    /** The period {@code text} names; empty when it is not one (the caller says which option and what it takes). */
    public static Optional<Duration> parse(String text) {
        Matcher m = PERIOD.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }
}
