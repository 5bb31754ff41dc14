package io.kafkadr.starter.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.operations.Home;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the local stack through {@code drctl local ...} in a child process; its output goes
 * to stderr so that stdout stays the drill's JSON.
 */
final class LocalStackControl {

    private static final File STDERR = new File("/dev/stderr");

    /** @param secure a new stack is made secure ({@code local up --secure}) */
    JsonNode up(boolean secure) {
        return run(secure ? List.of("up", "--json", "--secure") : List.of("up", "--json"), true);
    }

    void start(String... args) {
        List<String> cmd = new ArrayList<>(List.of("start"));
        cmd.addAll(List.of(args));
        run(cmd, false);
    }

    void stop(String... args) {
        List<String> cmd = new ArrayList<>(List.of("stop"));
        cmd.addAll(List.of(args));
        run(cmd, false);
    }

    /** Lost and duplicated records of the sample apps since producer sequence {@code fromSeq}. */
    JsonNode audit(long fromSeq) {
        return run(List.of("audit", "--json", "--from-seq", Long.toString(fromSeq)), true, true);
    }

    private JsonNode run(List<String> args, boolean jsonOut) {
        return run(args, jsonOut, false);
    }

    private JsonNode run(List<String> args, boolean jsonOut, boolean anyExitCode) {
        List<String> cmd = new ArrayList<>(List.of(Home.path().resolve("drctl").toString(), "local"));
        cmd.addAll(args);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(STDERR));
            if (!jsonOut) {
                pb.redirectOutput(ProcessBuilder.Redirect.appendTo(STDERR));
            }
            Process p = pb.start();
            byte[] out = jsonOut ? p.getInputStream().readAllBytes() : new byte[0];
            if (!p.waitFor(5, TimeUnit.MINUTES) || (p.exitValue() != 0 && !anyExitCode)) {
                throw new IllegalStateException("'drctl local " + String.join(" ", args) + "' failed (exit "
                        + (p.isAlive() ? "timeout" : p.exitValue()) + "); see its output above and .local/logs/");
            }
            return jsonOut ? new ObjectMapper().readTree(out) : null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run drctl local: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
