package io.kafkadr.deploy.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files under deploy/aws, and the commands its README documents, run as an operator runs them. */
final class DeployAws {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");

    /** What a command printed (stdout and stderr together) and how it ended. */
    record Run(int exitCode, String output) {
    }

    private DeployAws() {
    }

    /** deploy/aws (this module's folder: surefire runs in it). */
    static Path dir() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        assertTrue(Files.isRegularFile(dir.resolve("render.sh")), "not deploy/aws: " + dir);
        return dir;
    }

    static Path repositoryRoot() {
        return dir().getParent().getParent();
    }

    /** {@code command} from the repository's root with {@code env} added to this JVM's environment. */
    static Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("deploy-aws", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(repositoryRoot().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish in 2 minutes: " + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.delete(log);
        }
    }

    /** {@code deploy/aws/render.sh TEMPLATE NAME=VALUE...}, which must succeed. */
    static String render(String template, Map<String, String> values) throws IOException, InterruptedException {
        Run run = run(renderCommand(template, values), Map.of());
        assertEquals(0, run.exitCode(), "render.sh " + template + " failed: " + run.output());
        return run.output();
    }

    static List<String> renderCommand(String template, Map<String, String> values) {
        List<String> command = new ArrayList<>(List.of("deploy/aws/render.sh", "deploy/aws/" + template));
        values.forEach((name, value) -> command.add(name + "=" + value));
        return command;
    }

    static JsonNode renderJson(String template, Map<String, String> values) throws IOException, InterruptedException {
        return JSON.readTree(render(template, values));
    }

    /** render.sh with, for each placeholder {@code template} has, its value from {@code samples}. */
    static String fill(String template, Map<String, String> samples) throws IOException, InterruptedException {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(Files.readString(dir().resolve(template)));
        while (m.find()) {
            String value = samples.get(m.group(1));
            assertTrue(value != null, template + " has placeholder {{" + m.group(1) + "}} without a sample value in the test");
            values.put(m.group(1), value);
        }
        return render(template, values);
    }

    /** The files of one deploy/aws folder with that extension, sorted. */
    static List<String> files(String folder, String extension) throws IOException {
        try (var listing = Files.list(dir().resolve(folder))) {
            return listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(extension)).sorted()
                    .map(n -> folder + "/" + n).toList();
        }
    }
}
