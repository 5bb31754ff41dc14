package io.kafkadr.operations;

import io.kafkadr.workflows.common.Progress;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;

/** Prints a workflow's progress as {@code [label] step: detail}, each time it changes. */
public final class ProgressPrinter {

    private final PrintStream out;
    private final String label;
    private Progress last;

    public ProgressPrinter(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** Prints {@code now} unless it is what was printed last; an empty answer prints nothing. */
    public void print(Optional<Progress> now) {
        if (now.isEmpty() || Objects.equals(now.get(), last)) {
            return;
        }
        last = now.get();
        out.println("[" + label + "] " + last.step() + (last.detail().isEmpty() ? "" : ": " + last.detail()));
    }
}
