package io.kafkadr.api.pagerduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python unit tests of the ARC Region switch step ({@code deploy/aws/arc/test_handler.py}:
 * the Lambda handler against a local HTTP server standing in for the API), so that a broken handler
 * fails the build. Needs {@code python3} on the PATH (stdlib only).
 */
class ArcHandlerTest {

    private static final Pattern RAN = Pattern.compile("Ran (\\d+) tests?");

    @Test
    void arcStepHandlerPassesItsPythonTests() throws IOException, InterruptedException {
        // the command deploy/aws/arc/README.md documents, from the repository's root
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(root.resolve("deploy/aws/arc/test_handler.py")), "no ARC step tests under " + root);
        Path log = Files.createTempFile("arc-handler-test", ".log");
        ProcessBuilder command = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", "deploy/aws/arc", "-v")
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        command.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in the source tree
        Process python = command.start();
        boolean finished = python.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            python.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertTrue(finished, "python3 -m unittest did not finish in 2 minutes:\n" + output);
        System.out.println(output);
        assertEquals(0, python.exitValue(), "the ARC step's Python tests failed:\n" + output);
        Matcher ran = RAN.matcher(output);
        assertTrue(ran.find() && Integer.parseInt(ran.group(1)) > 0, "no Python test ran:\n" + output);
    }
}
