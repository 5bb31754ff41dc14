package io.kafkadr.starter.schedule;

import io.kafkadr.operations.Periods;
import io.kafkadr.workflows.common.TaskQueues;
import io.kafkadr.workflows.drill.DrillRequest;
import io.kafkadr.workflows.drill.DrillWorkflow;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import java.time.Duration;
import java.util.List;

/**
 * A recurring drill as a Temporal Schedule, in one place: its id, when it runs, what it starts
 * ({@link DrillWorkflow} on the pair, workflow id {@code drill/<pair>/scheduled-<time>}: the
 * server appends the scheduled time) and its policy: a drill never overlaps the schedule's
 * previous one (overlap {@code skip}, the skipped run counted in the schedule's info), and a drill
 * that overlaps another operation on the pair is refused by the pair's lock and says so in its
 * report. Pure: builds what the client sends.
 */
public final class DrillSchedule {

    /** How long after its time a run missed while the server was down still starts. */
    public static final Duration CATCHUP_WINDOW = Duration.ofMinutes(10);

    private DrillSchedule() {
    }

    /** {@code drill-<pair>}, or {@code drill-<pair>-<name>} for a second schedule of one pair. */
    public static String id(String pair, String name) {
        return "drill-" + pair + (name == null || name.isBlank() ? "" : "-" + name);
    }

    /** When: exactly one of {@code every} (30m, 12h, 7d) and {@code cron} (five fields, UTC). */
    public static ScheduleSpec spec(String every, String cron) {
        if ((every == null) == (cron == null)) {
            throw new IllegalArgumentException("give exactly one of --every (e.g. 7d) and --cron (e.g. '0 3 * * 1')");
        }
        if (cron != null) {
            if (cron.trim().split("\\s+").length != 5) {
                throw new IllegalArgumentException("--cron '" + cron + "' needs five fields: minute hour day-of-month "
                        + "month day-of-week, e.g. '0 3 * * 1' (Mondays 03:00 UTC)");
            }
            return ScheduleSpec.newBuilder().setCronExpressions(List.of(cron.trim())).build();
        }
        return ScheduleSpec.newBuilder().setIntervals(List.of(new ScheduleIntervalSpec(period(every)))).build();
    }

    /** {@code 30m}, {@code 12h}, {@code 7d}: at least 10 minutes, a drill takes minutes. */
    static Duration period(String every) {
        Duration d = Periods.parse(every).orElseThrow(() -> new IllegalArgumentException("--every '" + every
                + "' is not a period such as 30m, 12h or 7d"));
        if (d.compareTo(Duration.ofMinutes(10)) < 0) {
            throw new IllegalArgumentException("--every " + every + " is shorter than 10 minutes: a drill takes minutes "
                    + "and moves every client twice; drill at most every 10 minutes");
        }
        return d;
    }

    /** The whole schedule: a drill on {@code pair}, skip on overlap, optionally paused on failure. */
    public static Schedule of(PairConfig pair, ScheduleSpec spec, boolean pauseOnFailure, String note) {
        DrillRequest request = new DrillRequest(pair, null, "scheduled drill (" + (note == null ? "drctl schedule" : note)
                + ")", DrillRequest.REPLICATE_AUTO, null);
        return Schedule.newBuilder()
                .setAction(ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(DrillWorkflow.class)
                        .setArguments(request)
                        .setOptions(WorkflowOptions.newBuilder()
                                .setWorkflowId(DrillWorkflow.workflowId(pair.name(), "scheduled"))
                                .setTaskQueue(TaskQueues.KAFKA_DR)
                                .build())
                        .build())
                .setSpec(spec)
                .setPolicy(SchedulePolicy.newBuilder()
                        .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                        .setCatchupWindow(CATCHUP_WINDOW)
                        .setPauseOnFailure(pauseOnFailure)
                        .build())
                .setState(ScheduleState.newBuilder().setNote(note == null ? "drill of pair " + pair.name() : note).build())
                .build();
    }

    /** How a schedule's timing reads for people (lists the server left unset are null). */
    public static String when(ScheduleSpec spec) {
        if (spec == null) {
            return "-";
        }
        if (spec.getCronExpressions() != null && !spec.getCronExpressions().isEmpty()) {
            return "cron " + String.join(", ", spec.getCronExpressions()) + " (UTC)";
        }
        if (spec.getCalendars() != null && !spec.getCalendars().isEmpty()) {
            return spec.getCalendars().size() + " calendar spec(s)";
        }
        return spec.getIntervals() == null ? "-" : spec.getIntervals().stream().map(i -> "every " + human(i.getEvery()))
                .reduce((a, b) -> a + ", " + b).orElse("-");
    }

    static String human(Duration d) {
        return d.toDays() > 0 && d.toHours() % 24 == 0 ? d.toDays() + "d"
                : d.toHours() > 0 && d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
