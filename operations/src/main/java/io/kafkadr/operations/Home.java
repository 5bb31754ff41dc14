package io.kafkadr.operations;

import java.nio.file.Path;

/** The kafka-dr checkout drctl runs from (set by the drctl launcher). */
public final class Home {

    private Home() {
    }

    public static Path path() {
        return Path.of(System.getProperty("kafkadr.home", ".")).toAbsolutePath().normalize();
    }
}
