package io.kafkadr.starter.list;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --since} of {@code drctl list}: an age ({@code 90m}, {@code 24h}, {@code 7d}), a date
 * ({@code 2026-11-01}, midnight UTC) or an instant ({@code 2026-11-01T08:00:00Z}). Pure.
 */
public final class Since {

    private static final Pattern AGE = Pattern.compile("(\\d+)([mhd])");

    private Since() {
    }

    /** The instant {@code text} means at {@code now}; a clear error for anything else. */
    public static Instant parse(String text, Instant now) {
        String t = text == null ? "" : text.trim();
        Matcher age = AGE.matcher(t);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration d = switch (age.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return t.contains("T") ? Instant.parse(t) : LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since '" + text + "' is neither an age (90m, 24h, 7d), a date "
                    + "(2026-11-01, UTC) nor an instant (2026-11-01T08:00:00Z)");
        }
    }
}
