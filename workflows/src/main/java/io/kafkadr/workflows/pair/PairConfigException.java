package io.kafkadr.workflows.pair;

import java.util.List;

/** A pair config that cannot be used; the message says what is wrong and how to fix it. */
public class PairConfigException extends IllegalArgumentException {

    private final List<String> problems;

    public PairConfigException(String source, List<String> problems) {
        super("invalid pair config " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
