package io.kafkadr.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code pairs/local-tools-tx.yaml}, with the ports of the stack this test runs: the file names the
 * stack's default ports; when {@code KAFKADR_PORTS} moves them (to run beside another stack), a
 * copy with every moved {@code 127.0.0.1:<default>} replaced is written to
 * {@code e2e/target/pairs/local-tools-tx.yaml} and used instead.
 */
final class ToolsPair {

    static final String FILE = "pairs/local-tools-tx.yaml";

    /** Default port of each component named in KAFKADR_PORTS that a pair file mentions. */
    private static final Map<String, Integer> DEFAULTS = Map.of(
            "kafka-primary", 19092, "kafka-secondary", 29092,
            "connect-secondary-1", 8083, "connect-primary-1", 8084, "connect-secondary-2", 8085);

    private ToolsPair() {
    }

    /** The pair file to hand to drctl: the checked-in one, or the rewritten copy. */
    static String path() throws IOException {
        Map<Integer, Integer> moved = moved(System.getenv("KAFKADR_PORTS"));
        if (moved.isEmpty()) {
            return FILE;
        }
        String text = Files.readString(DrctlProcess.ROOT.resolve(FILE));
        for (var m : moved.entrySet()) {
            text = text.replace("127.0.0.1:" + m.getKey(), "127.0.0.1:" + m.getValue());
        }
        Path copy = DrctlProcess.ROOT.resolve("e2e/target/pairs/local-tools-tx.yaml");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, text);
        return DrctlProcess.register(copy).toString();
    }

    static Map<Integer, Integer> moved(String override) {
        Map<Integer, Integer> moved = new LinkedHashMap<>();
        if (override == null || override.isBlank()) {
            return moved;
        }
        for (String entry : override.split(",")) {
            String[] kv = entry.trim().split("=");
            Integer from = kv.length == 2 ? DEFAULTS.get(kv[0].trim()) : null;
            if (from != null) {
                moved.put(from, Integer.parseInt(kv[1].trim()));
            }
        }
        return moved;
    }
}
