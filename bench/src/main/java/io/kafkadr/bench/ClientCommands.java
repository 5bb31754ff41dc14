package io.kafkadr.bench;

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

    /** The arguments (as the pair's {@code process} binding lists them) that start a consumer of {@code group}. */
    static List<String> startConsumer(String group, String topic, String cluster) {
        return drctl("start", "consumer", "--group", group, "--topic", topic, "--cluster", cluster);
    }

    static List<String> stopConsumer(String group) {
        return drctl("stop", "consumer", "--group", group);
    }

    static List<String> startProducer(String name, String topic, int rate, String cluster) {
        return drctl("start", "producer", "--name", name, "--topic", topic, "--rate", Integer.toString(rate),
                "--cluster", cluster);
    }

    static List<String> stopProducer(String name) {
        return drctl("stop", "producer", "--name", name);
    }

    private static List<String> drctl(String... local) {
        List<String> cmd = new ArrayList<>(List.of("env", "DRCTL_NO_BUILD=1", "./drctl", "local"));
        cmd.addAll(List.of(local));
        return cmd;
    }

    /** {@code arguments} as a YAML flow list, each quoted. */
    static String yaml(List<String> arguments) {
        return arguments.stream().map(a -> "'" + a.replace("'", "''") + "'")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    /** Runs a command in the checkout, without a shell (as the worker's process binding does), and waits for it. */
    void run(List<String> command) {
        String commandLine = String.join(" ", command);
        try {
            Process p = new ProcessBuilder(command).directory(home.toFile())
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
