package io.kafkadr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.operations.Home;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code drctl local start|stop|status} in a child process (output to stderr, so stdout stays the
 * bench's table or JSON).
 */
final class LocalApps {

    private static final File STDERR = new File("/dev/stderr");

    void start(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("start"));
        cmd.addAll(args);
        run(cmd, false);
    }

    void stop(String app) {
        run(List.of("stop", app), false);
    }

    /** Resident memory of a process of the stack, in MiB; -1 when it does not run. */
    long rssMiB(String process) {
        for (JsonNode p : run(List.of("status", "--json"), true).path("processes")) {
            if (process.equals(p.path("name").asText())) {
                return p.path("rssKib").asLong() / 1024;
            }
        }
        return -1;
    }

    private JsonNode run(List<String> args, boolean jsonOut) {
        List<String> cmd = new ArrayList<>(List.of(Home.path().resolve("drctl").toString(), "local"));
        cmd.addAll(args);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(STDERR));
            pb.environment().put("DRCTL_NO_BUILD", "1");
            if (!jsonOut) {
                pb.redirectOutput(ProcessBuilder.Redirect.appendTo(STDERR));
            }
            Process p = pb.start();
            byte[] out = jsonOut ? p.getInputStream().readAllBytes() : new byte[0];
            if (!p.waitFor(5, TimeUnit.MINUTES) || (p.exitValue() != 0 && !args.get(0).equals("status"))) {
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
