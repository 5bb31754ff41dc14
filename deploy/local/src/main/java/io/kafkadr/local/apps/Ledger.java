package io.kafkadr.local.apps;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An append-only, tab-separated record of what a sample app did (acknowledged or consumed
 * records). Each line is flushed to the OS before the app moves on, so a kill -9 of the app
 * loses no line; drills count loss and duplicates from these files.
 */
public final class Ledger implements AutoCloseable {

    private final BufferedWriter writer;

    public Ledger(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open ledger " + file, e);
        }
    }

    public synchronized void append(Object... fields) {
        try {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    writer.write('\t');
                }
                writer.write(String.valueOf(fields[i]));
            }
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ledger", e);
        }
    }

    /** Lines of an existing ledger, split into fields; empty if there is none yet. */
    public static List<String[]> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            // nothing left to save
        }
    }
}
