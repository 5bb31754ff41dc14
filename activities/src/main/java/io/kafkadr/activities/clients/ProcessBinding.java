package io.kafkadr.activities.clients;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.pair.BindingType;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.ProcessCommands;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code process} binding: commands that stop a supervised application and start it against a
 * cluster, each an argument list ({@code commands.stop}, {@code commands.start}) run without a
 * shell in the worker's base dir. In {@code start}, {@code {cluster}} and {@code {bootstrap}} are
 * replaced by the target's alias and bootstrap servers inside their argument, which stays one
 * argument. No secret is ever put on a command line.
 */
public class ProcessBinding implements BindingPlugin {

    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Path workDir;

    public ProcessBinding(Path workDir) {
        this.workDir = workDir;
    }

    @Override
    public String type() {
        return BindingType.PROCESS;
    }

    @Override
    public List<String> validate(PairConfig pair, ClientRef client) {
        return ProcessCommands.NAMES.stream().filter(name -> !runnable(client, name))
                .map(name -> "process binding needs commands." + name + " " + COMMAND_SHAPE).toList();
    }

    @Override
    public void stop(PairConfig pair, ClientRef client) {
        run(client, "stop", command(client, "stop"));
    }

    @Override
    public void start(PairConfig pair, ClientRef client, ClusterConfig cluster) {
        run(client, "start", ProcessCommands.substitute(command(client, "start"), Map.of(
                ProcessCommands.CLUSTER, cluster.alias(), ProcessCommands.BOOTSTRAP, cluster.bootstrapServers())));
    }

    private static final String COMMAND_SHAPE = "(a list of arguments, the program first)";

    private static boolean runnable(ClientRef client, String name) {
        List<String> command = client.binding().commands().get(name);
        return command != null && !command.isEmpty() && command.get(0) != null && !command.get(0).isBlank();
    }

    private static List<String> command(ClientRef client, String name) {
        if (!runnable(client, name)) {
            throw ApplicationFailure.newNonRetryableFailure(client.label() + ": process binding needs commands."
                    + name + " " + COMMAND_SHAPE, ActivityFailures.BAD_INPUT);
        }
        return client.binding().commands().get(name);
    }

    private void run(ClientRef client, String what, List<String> arguments) {
        String command = String.join(" ", arguments);
        try {
            Path output = Files.createTempFile("kafka-dr-binding", ".log");
            Process p;
            try {
                p = new ProcessBuilder(arguments).directory(workDir.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                Files.deleteIfExists(output);
                throw ApplicationFailure.newNonRetryableFailure(client.label() + ": " + what + " command cannot run: "
                        + e.getMessage() + " (run in " + workDir + ", without a shell); fix commands." + what
                        + " of its binding", ActivityFailures.BAD_INPUT);
            }
            long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
            while (!p.waitFor(1, TimeUnit.SECONDS)) {
                Activity.getExecutionContext().heartbeat(what + " " + client.label() + ": running '" + command + "'");
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw ApplicationFailure.newFailure(client.label() + ": '" + command + "' did not finish within "
                            + COMMAND_TIMEOUT.toSeconds() + " s", ActivityFailures.NOT_READY);
                }
            }
            String tail = tail(output);
            Files.deleteIfExists(output);
            if (p.exitValue() == 127 || p.exitValue() == 126) {
                throw ApplicationFailure.newNonRetryableFailure(client.label() + ": " + what + " command cannot run (exit "
                        + p.exitValue() + "): " + tail + "; fix commands." + what + " of its binding", ActivityFailures.BAD_INPUT);
            }
            if (p.exitValue() != 0) {
                throw ApplicationFailure.newFailure(client.label() + ": '" + command + "' failed (exit " + p.exitValue()
                        + "): " + tail, ActivityFailures.NOT_READY);
            }
        } catch (IOException e) {
            throw ApplicationFailure.newFailure(client.label() + ": cannot run '" + command + "': " + e.getMessage(),
                    ActivityFailures.NOT_READY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("interrupted", ActivityFailures.NOT_READY);
        }
    }

    private static String tail(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
