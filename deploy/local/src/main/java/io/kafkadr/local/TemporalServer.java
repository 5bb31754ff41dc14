package io.kafkadr.local;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which Temporal server the stack runs: the Temporal CLI's dev server ({@code cli} is its
 * binary; empty when the stack found it already running and need not start it) or the Java
 * test server of temporal-testing.
 */
public record TemporalServer(String kind, Optional<Path> cli) {

    public static final String CLI = "temporal-cli-dev-server";
    public static final String JAVA_TEST_SERVER = "java-test-server";

    public static TemporalServer cli(Path binary) {
        return new TemporalServer(CLI, Optional.of(binary));
    }

    /** The dev server of this stack, found running: no binary needed. */
    public static TemporalServer runningCli() {
        return new TemporalServer(CLI, Optional.empty());
    }

    public static TemporalServer javaTestServer() {
        return new TemporalServer(JAVA_TEST_SERVER, Optional.empty());
    }

    public boolean isCli() {
        return kind.equals(CLI);
    }
}
