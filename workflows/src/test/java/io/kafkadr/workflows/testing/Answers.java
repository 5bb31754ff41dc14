package io.kafkadr.workflows.testing;

import java.util.List;

/** Scripted answers given in order; the last one repeats once the script runs out. */
final class Answers<T> {

    private final List<T> answers;
    private int next;

    private Answers(List<T> answers) {
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("script at least one answer");
        }
        this.answers = List.copyOf(answers);
    }

    @SafeVarargs
    static <T> Answers<T> of(T... answers) {
        return new Answers<>(List.of(answers));
    }

    synchronized T next() {
        return answers.get(Math.min(next++, answers.size() - 1));
    }
}
