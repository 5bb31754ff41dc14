package io.kafkadr.bench;

import io.kafkadr.bench.FailoverFigures.Ack;
import io.kafkadr.bench.FailoverFigures.Consumption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample apps' ledgers ({@code .local/ledgers/}), read for one topic: the producer's
 * {@code id, seq, cluster, topic, partition, offset, ackedAtMillis} and a consumer's
 * {@code id, cluster, topic, partition, offset, consumedAtMillis}.
 */
final class BenchLedgers {

    private final Path dir;

    BenchLedgers(Path dir) {
        this.dir = dir;
    }

    List<Ack> acks(String producer, String topic) {
        List<Ack> acks = new ArrayList<>();
        for (String[] f : lines(dir.resolve("producer-" + producer + ".tsv"))) {
            if (f.length >= 7 && f[3].equals(topic) && complete(f[6])) {
                acks.add(new Ack(f[0], f[2], Long.parseLong(f[6])));
            }
        }
        return acks;
    }

    List<Consumption> consumed(String group, String topic) {
        List<Consumption> out = new ArrayList<>();
        for (String[] f : lines(dir.resolve("consumer-" + group + ".tsv"))) {
            if (f.length >= 6 && f[2].equals(topic) && complete(f[5])) {
                out.add(new Consumption(f[0], f[1], Long.parseLong(f[5])));
            }
        }
        return out;
    }

    /** A line read while the app appends may be cut short: only a whole millisecond timestamp counts. */
    private static boolean complete(String millis) {
        return millis.length() == 13 && millis.chars().allMatch(Character::isDigit);
    }

    private static List<String[]> lines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger " + file, e);
        }
    }
}
