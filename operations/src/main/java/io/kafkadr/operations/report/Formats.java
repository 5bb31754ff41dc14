package io.kafkadr.operations.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How reports write instants and durations. */
public final class Formats {

    private final ZoneId zone;
    private final DateTimeFormatter instants;

    public Formats(ZoneId zone) {
        this.zone = zone;
        this.instants = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
    }

    /** {@code UTC} or the zone's id. */
    public String zone() {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    public String instant(long epochMillis) {
        return epochMillis <= 0 ? "-" : instants.format(Instant.ofEpochMilli(epochMillis)) + " " + zone();
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}. */
    public String duration(long millis) {
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return seconds / 60 + " min " + String.format(Locale.ROOT, "%02d", seconds % 60) + " s";
    }

    /** {@code 12.3 s}, for objectives in seconds. */
    public String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    public String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
