package io.kafkadr.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** The sample apps' ledgers: read directly, or audited by {@code drctl local audit}. */
final class Ledgers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Path DIR = DrctlProcess.ROOT.resolve(".local/ledgers");

    private Ledgers() {
    }

    /** Ids the producer had acknowledged on {@code cluster}, from sequence {@code fromSeq} on. */
    static Set<String> acked(String cluster, long fromSeq) throws IOException {
        Set<String> ids = new HashSet<>();
        for (String line : Files.readAllLines(DIR.resolve("producer-p1.tsv"))) {
            String[] f = line.split("\t");
            if (f.length >= 3 && Long.parseLong(f[1]) >= fromSeq && f[2].equals(cluster)) {
                ids.add(f[0]);
            }
        }
        return ids;
    }

    /** {@code drctl local audit --json} from sequence {@code fromSeq}: acked, consumed, lost, duplicates. */
    static JsonNode audit(long fromSeq) throws IOException {
        return JSON.readTree(DrctlProcess.run("local", "audit", "--json", "--from-seq", Long.toString(fromSeq)).stdout());
    }

    /** The audit once the consumer has consumed every acknowledged record, or the last one at the timeout. */
    static JsonNode awaitConsumerCaughtUp(long fromSeq, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode audit = audit(fromSeq);
        while (audit.path("lost").asLong() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            audit = audit(fromSeq);
        }
        return audit;
    }
}
