package io.kafkadr.starter.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the local stack's sample apps with the same {@code drctl local} commands the
 * benchmark's pair binds them with, so the scripted runbook and kafka-dr pay the same client cost.
 * Their output goes to stderr, stdout stays the benchmark's.
 */
final class ClientCommands {

    private static final File STDERR = new File("/dev/stderr");
    private final Path home;

    ClientCommands(Path home) {
        this.home = home;
    }

    /** The command line (as the pair's {@code process} binding spells it) that starts a consumer of {@code group}. */
    static String startConsumer(String group, String topic, String cluster) {
        return "DRCTL_NO_BUILD=1 ./drctl local start consumer --group " + group + " --topic " + topic + " --cluster " + cluster;
    }

    static String stopConsumer(String group) {
        return "DRCTL_NO_BUILD=1 ./drctl local stop consumer --group " + group;
    }

    static String startProducer(String name, String topic, int rate, String cluster) {
        return "DRCTL_NO_BUILD=1 ./drctl local start producer --name " + name + " --topic " + topic + " --rate " + rate
                + " --cluster " + cluster;
    }

    static String stopProducer(String name) {
        return "DRCTL_NO_BUILD=1 ./drctl local stop producer --name " + name;
    }

    /** Runs a command line in the checkout (as the worker's process binding does) and waits for it. */
    void run(String commandLine) {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", commandLine));
        try {
            Process p = new ProcessBuilder(cmd).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(STDERR)).start();
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("'" + commandLine + "' failed (exit "
                        + (p.isAlive() ? "timeout" : p.exitValue()) + "); see its output above and .local/logs/");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + commandLine + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
