package io.kafkadr.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** The sample producer's ledger, read directly: the ids it had acknowledged. */
final class Ledgers {

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
}
