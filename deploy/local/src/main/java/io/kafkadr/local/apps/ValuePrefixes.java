package io.kafkadr.local.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * VerifiableProducer's values are {@code <value-prefix>.<counter>} with the counter starting at
 * 0 in every run, so a restarted producer would repeat its values. Each start of a
 * VerifiableProducer in the stack takes the next number of one stack-wide counter
 * ({@code .local/ledgers/value-prefix.counter}, under a file lock) as its prefix: values are
 * unique across runs, producers and clusters, which is what lets the audit identify records by
 * value on either cluster.
 */
public final class ValuePrefixes {

    private ValuePrefixes() {
    }

    public static int next(Path ledgers) {
        try {
            Files.createDirectories(ledgers);
            try (FileChannel channel = FileChannel.open(ledgers.resolve("value-prefix.counter"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.allocate(32);
                channel.read(buffer, 0);
                String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
                int next = text.isEmpty() ? 1 : Integer.parseInt(text) + 1;
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                return next;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take a value prefix in " + ledgers, e);
        }
    }
}
