package io.kafkadr.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Classpaths of the stack's JVMs. Brokers and sample apps reuse this module's own classpath.
 * Connect workers get it without MM2 and our replication policy, which live in an isolated
 * plugin folder instead, as on a real Connect deployment.
 */
final class Classpaths {

    private static final Pattern MM2_PLUGIN = Pattern.compile(
            ".*(connect-mirror-[0-9].*|connect-mirror-client-[0-9].*|kafka-dr-replication-policy.*\\.jar|replication-policy/target/classes)");

    private Classpaths() {
    }

    static String own() {
        return System.getProperty("java.class.path");
    }

    static String connectWorker() {
        return entries().stream().filter(e -> !MM2_PLUGIN.matcher(e).matches())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Copies MM2 and the replication policy into {@code <plugins>/kafka-dr-mm2/}. */
    static void installMirrorPlugin(Path pluginsDir) {
        Path dir = pluginsDir.resolve("kafka-dr-mm2");
        List<String> jars = entries().stream().filter(e -> MM2_PLUGIN.matcher(e).matches()).toList();
        if (jars.size() < 3 || jars.stream().anyMatch(j -> !j.endsWith(".jar"))) {
            throw new IllegalStateException("the MM2 plugin jars are not all built (found " + jars
                    + "); run: mvn -q -DskipTests package");
        }
        try {
            Files.createDirectories(dir);
            for (String jar : jars) {
                Path source = Path.of(jar);
                Files.copy(source, dir.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the MM2 plugin into " + dir, e);
        }
    }

    /** The worker module's runtime classpath, written by its build. */
    static String worker(Path projectRoot) {
        Path module = projectRoot.resolve("worker/target");
        Path listing = module.resolve("classpath.txt");
        try {
            return module.resolve("classes") + File.pathSeparator + Files.readString(listing).trim();
        } catch (IOException e) {
            throw new IllegalStateException("the worker is not built (" + listing + " missing); run: mvn -q -DskipTests package");
        }
    }

    private static List<String> entries() {
        return Arrays.asList(own().split(File.pathSeparator));
    }
}
