package io.kafkadr.local;

import java.util.List;

/** What to start as an app of the stack: name, side it is attached to, JVM and arguments. */
public record JavaAppSpec(String name, String side, String heap, String classpath, String mainClass, List<String> args) {
}
