package io.kafkadr.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code --since} of {@code drctl list}: an age ({@code 90m}, {@code 24h}, {@code 7d}), a date
 * ({@code 2026-11-01}, midnight UTC) or an instant ({@code 2026-11-01T08:00:00Z}). Pure.
 */
public final class Since {

    private Since() {
    }

    /** The instant {@code text} means at {@code now}; a clear error for anything else. */
    public static Instant parse(String text, Instant now) {
        String t = text == null ? "" : text.trim();
        Optional<Duration> age = Periods.parse(t);
        if (age.isPresent()) {
            return now.minus(age.get());
        }
        try {
            return t.contains("T") ? Instant.parse(t) : LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since '" + text + "' is neither an age (90m, 24h, 7d), a date "
                    + "(2026-11-01, UTC) nor an instant (2026-11-01T08:00:00Z)");
        }
    }
}
