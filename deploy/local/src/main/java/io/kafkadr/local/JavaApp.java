package io.kafkadr.local;

import java.time.Duration;
import java.util.List;

/** A JVM started on demand: a sample app or the kafka-dr worker. */
record JavaApp(String name, String side, String heap, String classpath, String mainClass, List<String> args,
               StackLayout layout, String marker) implements Component {

    @Override
    public List<Integer> ports() {
        return List.of();
    }

    @Override
    public void prepare() {
    }

    @Override
    public List<String> command() {
        return JavaCommand.of(marker, heap, classpath, null, mainClass, args);
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(10);
    }
}
