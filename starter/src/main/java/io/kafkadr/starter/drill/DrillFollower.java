package io.kafkadr.starter.drill;

import io.kafkadr.operations.Operations;
import io.kafkadr.operations.ProgressPrinter;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.drill.DrillPhase;
import io.kafkadr.workflows.drill.DrillWorkflow;
import java.io.PrintStream;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Follows a running drill: its {@code progress} query names the phase in flight, whose child
 * workflow's own progress is printed as {@code [phase] step: detail}, as each operation prints it.
 */
final class DrillFollower implements Runnable {

    /** Phases run by a child workflow {@code <drill id>/<phase>}. */
    private static final Set<String> CHILD_PHASES = Set.of(DrillPhase.REPLICATE, DrillPhase.PRE_VERIFY,
            DrillPhase.FAILOVER, DrillPhase.FAILBACK, DrillPhase.STAND_DOWN, DrillPhase.VERIFY);

    private final Operations ops;
    private final PrintStream out;
    private final String drillId;
    private final Consumer<String> onPhase;
    private String step;
    private ProgressPrinter child;

    /** {@code onPhase} is told every step of the drill as it is first seen (a phase or a step of its own). */
    DrillFollower(Operations ops, PrintStream out, String drillId, Consumer<String> onPhase) {
        this.ops = ops;
        this.out = out;
        this.drillId = drillId;
        this.onPhase = onPhase;
    }

    @Override
    public void run() {
        Optional<Progress> now = ops.progress(drillId);
        if (now.isPresent() && !now.get().step().equals(step)) {
            step = now.get().step();
            boolean phase = CHILD_PHASES.contains(step) || DrillPhase.VERIFY_SECONDARY.equals(step);
            out.println("[drill] " + (phase ? "phase " : "") + step
                    + (now.get().detail().isEmpty() ? "" : " (" + now.get().detail() + ")"));
            child = CHILD_PHASES.contains(step) ? new ProgressPrinter(out, step) : null;
            onPhase.accept(step);
        }
        if (child != null) {
            child.print(ops.progress(DrillWorkflow.childId(drillId, step)));
        }
    }
}
