package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.common.DrSearchAttributes;
import io.kafkadr.workflows.common.OperationMetrics;
import io.kafkadr.workflows.common.Progress;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An operation's bookkeeping, in workflow code: the timeline of steps, the notes for the report,
 * the step in flight (the {@code progress} query) and, once tagged, its {@code DrPhase}.
 */
public class Timeline {

    private final List<Step> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Progress progress = new Progress("starting", "", 0);
    private boolean tagged;
    private String pair;
    private String operation;

    /** Runs {@code body} as the step {@code name}, timed into the timeline. */
    public <T> T step(String name, String detail, Supplier<T> body) {
        at(name, detail);
        long start = Workflow.currentTimeMillis();
        T result = body.get();
        add(new Step(name, start, Workflow.currentTimeMillis(), detail));
        return result;
    }

    /** Adds a step that was timed elsewhere (a gate, a health check), timed into the metrics too. */
    public void add(Step step) {
        steps.add(step);
        if (pair != null) {
            OperationMetrics.step(pair, operation, step.name(), step.durationMillis());
        }
    }

    public void addAll(List<Step> more) {
        steps.addAll(more);
    }

    public void note(String note) {
        notes.add(note);
    }

    public void done(String outcome, String detail) {
        at("done", outcome + ": " + detail);
        if (pair != null && operation != null) {
            OperationMetrics.ended(pair, operation, outcome);
        }
    }

    /**
     * Tags the run (see {@link DrSearchAttributes}); from then on every step is also its
     * {@code DrPhase}. {@code operation} null tags the pair and the phase only (a part of an
     * operation, such as one group's move, is not an operation of its own).
     */
    public void tag(String pair, String operation) {
        tagged = operation == null ? DrSearchAttributes.tagPart(pair) : DrSearchAttributes.tag(pair, operation);
        this.pair = pair;
        this.operation = operation;
        if (operation != null) {
            OperationMetrics.started(pair, operation);
        }
    }

    /** The step in flight is now {@code step}. */
    public void at(String step, String detail) {
        if (tagged && !step.equals(progress.step())) {
            DrSearchAttributes.phase(step);
        }
        progress = new Progress(step, detail,
                step.equals(progress.step()) ? progress.sinceMillis() : Workflow.currentTimeMillis());
    }

    public Progress progress() {
        return progress;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The operator-facing message of an activity or child failure: its innermost cause. */
    public static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof ApplicationFailure a ? a.getOriginalMessage() : t.getMessage();
    }
}
