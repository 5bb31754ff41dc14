package io.kafkadr.local;

import java.nio.file.Path;

/**
 * Where the local stack keeps its state: everything under {@code <project>/.local/}
 * (git-ignored), so {@code rm -rf .local} after {@code local down} resets it.
 */
public record StackLayout(Path projectRoot) {

    public Path root() {
        return projectRoot.resolve(".local");
    }

    public Path run() {
        return root().resolve("run");
    }

    public Path logs() {
        return root().resolve("logs");
    }

    public Path config() {
        return root().resolve("config");
    }

    public Path data(String component) {
        return root().resolve("data").resolve(component);
    }

    public Path plugins() {
        return root().resolve("plugins");
    }

    /** Tools drctl installs itself (the Temporal CLI); kept by {@code local reset}. */
    public Path tools() {
        return root().resolve("tools");
    }

    public Path ledgers() {
        return root().resolve("ledgers");
    }

    public Path stackJson() {
        return root().resolve("stack.json");
    }

    public Path log(String component) {
        return logs().resolve(component + ".log");
    }
}
