package io.kafkadr.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A JVM of the stack configured by a properties file under {@code .local/config/<name>.properties}. */
abstract class PropertiesNode implements Component {

    protected final String name;
    protected final String side;
    protected final StackLayout layout;
    protected final String marker;

    PropertiesNode(String name, String side, StackLayout layout, String marker) {
        this.name = name;
        this.side = side;
        this.layout = layout;
        this.marker = marker;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String side() {
        return side;
    }

    protected Path properties() {
        return layout.config().resolve(name + ".properties");
    }

    protected Path log4j() {
        return layout.config().resolve("log4j2.properties");
    }

    protected void writeProperties(String... lines) {
        try {
            Files.createDirectories(layout.config());
            Files.writeString(properties(), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the config of " + name, e);
        }
    }
}
