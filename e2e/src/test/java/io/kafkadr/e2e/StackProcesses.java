package io.kafkadr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds this checkout's stack processes by the marker in their command line. */
final class StackProcesses {

    private StackProcesses() {
    }

    /** Command lines of every live process of this checkout's stack. */
    static List<String> all() {
        String stack = DrctlProcess.ROOT.resolve(".local").toString();
        return procs().map(StackProcesses::cmdline).filter(c -> c.contains(stack)).toList();
    }

    static Optional<Long> pid(String component) {
        String marker = "kafkadr.component=" + component + "@" + DrctlProcess.ROOT.resolve(".local");
        return procs().filter(p -> cmdline(p).contains(marker)).map(p -> Long.parseLong(p.getFileName().toString()))
                .findFirst();
    }

    /** kill -9, as a crash would. */
    static void kill9(String component) {
        long pid = pid(component).orElseThrow(() -> new AssertionError(component + " is not running"));
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
    }

    private static Stream<Path> procs() {
        try {
            return Files.list(Path.of("/proc")).filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList().stream();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Every sample app (consumer-*, producer-*) runs against {@code side}, as {@code drctl local status} reports. */
    static void assertClientsOn(String side) throws IOException {
        JsonNode status = new ObjectMapper().readTree(DrctlProcess.run("local", "status", "--json").stdout());
        for (JsonNode p : status.path("processes")) {
            if (p.path("name").asText().startsWith("consumer-") || p.path("name").asText().startsWith("producer-")) {
                assertEquals(side, p.path("side").asText(), "client left on the wrong cluster: " + p);
            }
        }
    }
}
