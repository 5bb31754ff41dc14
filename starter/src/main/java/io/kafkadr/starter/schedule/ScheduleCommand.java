package io.kafkadr.starter.schedule;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kafkadr.operations.Json;
import io.kafkadr.starter.PairOptions;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleInfo;
import io.temporal.client.schedules.ScheduleOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Recurring drills on Temporal Schedules: {@code drctl schedule create|list|describe|pause|unpause|trigger|delete}. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Recurring DR drills as Temporal Schedules: each run starts DrillWorkflow on the pair; a run never "
                + "overlaps the schedule's previous one (skipped and counted), and one that meets another operation on "
                + "the pair is refused by its lock and says so in its report.",
        subcommands = {ScheduleCommand.Create.class, ScheduleCommand.ListSchedules.class, ScheduleCommand.Describe.class,
                ScheduleCommand.Pause.class, ScheduleCommand.Unpause.class, ScheduleCommand.Trigger.class,
                ScheduleCommand.Delete.class})
public class ScheduleCommand {

    /** Memo keys: the timing as given (the server returns cron as calendars) and the pair's name. */
    static final String WHEN = "when";
    static final String PAIR = "pair";

    /** Runs {@code action} on a schedule client; a server without schedules is a clear error, not a stack trace. */
    static <T> T withSchedules(TemporalOptions temporal, Function<ScheduleClient, T> action) {
        try (Operations ops = new Operations(temporal, System.err)) {
            return action.apply(ops.schedules());
        } catch (RuntimeException e) {
            throw translate(e, null);
        }
    }

    /**
     * The server's answer, itself or as the cause of the SDK's exception, as an error that says
     * what to do (no schedules on this server, no such schedule); anything else as it is.
     */
    static RuntimeException translate(RuntimeException e, String id) {
        StatusRuntimeException grpc = e instanceof StatusRuntimeException s ? s
                : e.getCause() instanceof StatusRuntimeException c ? c : null;
        Status.Code code = grpc == null ? null : grpc.getStatus().getCode();
        if (code == Status.Code.UNIMPLEMENTED) {
            return new IllegalStateException("this Temporal server has no schedules (" + grpc.getStatus().getDescription()
                    + "): the local stack runs Temporal's Java test server when the Temporal CLI is missing; "
                    + "`drctl local down && drctl local up` installs the CLI and runs its dev server; or run "
                    + "`drctl drill --pair FILE` from cron instead");
        }
        if (code == Status.Code.NOT_FOUND) {
            return new IllegalStateException("no such schedule" + (id == null ? "" : " '" + id + "'")
                    + " (drctl schedule list shows them)");
        }
        return e;
    }

    static ScheduleHandle existing(ScheduleClient client, String id) {
        ScheduleHandle handle = client.getHandle(id);
        try {
            handle.describe();
        } catch (RuntimeException e) {
            throw translate(e, id);
        }
        return handle;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Schedule a drill of the pair.")
    static class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        PairOptions pairOptions;
        @Mixin
        TemporalOptions temporal;
        @Option(names = "--every", paramLabel = "PERIOD", description = "a drill every PERIOD: 30m, 12h, 7d (from the epoch, UTC)")
        String every;
        @Option(names = "--cron", paramLabel = "EXPR", description = "a drill at these times: five cron fields, UTC, e.g. '0 3 * * 1'")
        String cron;
        @Option(names = "--name", description = "a second schedule of the same pair: id drill-<pair>-<name>")
        String name;
        @Option(names = "--pause-on-failure", description = "pause the schedule when a drill fails")
        boolean pauseOnFailure;
        @Option(names = "--note", description = "why this schedule exists (shown by describe)")
        String note;

        @Override
        public Integer call() {
            PairConfig pair = pairOptions.load();
            String id = DrillSchedule.id(pair.name(), name);
            io.temporal.client.schedules.ScheduleSpec when;
            try {
                when = DrillSchedule.spec(every, cron);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            return withSchedules(temporal, client -> {
                try {
                    client.createSchedule(id, DrillSchedule.of(pair, when, pauseOnFailure, note), ScheduleOptions.newBuilder()
                            .setMemo(Map.of(WHEN, DrillSchedule.when(when), PAIR, pair.name())).build());
                } catch (ScheduleAlreadyRunningException e) {
                    throw new IllegalStateException("schedule '" + id + "' exists: `drctl schedule delete " + id
                            + "` first, or give this one --name");
                }
                ScheduleDescription d = client.getHandle(id).describe();
                System.out.println("schedule " + id + ": a drill of pair " + pair.name() + " " + DrillSchedule.when(when)
                        + ", next at " + d.getInfo().getNextActionTimes().stream().findFirst().map(Instant::toString)
                        .orElse("-") + "; overlap skip" + (pauseOnFailure ? ", pauses when a drill fails" : ""));
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the drill schedules (ids drill-*).")
    static class ListSchedules implements Callable<Integer> {
        @Mixin
        TemporalOptions temporal;
        @Option(names = "--json", description = "JSON on stdout")
        boolean json;

        @Override
        public Integer call() {
            return withSchedules(temporal, client -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                client.listSchedules().filter(s -> s.getScheduleId().startsWith("drill-")).forEach(s -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", s.getScheduleId());
                    row.put("paused", s.getSchedule().getState().isPaused());
                    row.put("note", s.getSchedule().getState().getNote());
                    row.put("next", s.getInfo().getNextActionTimes().stream().findFirst().map(Instant::toString).orElse(null));
                    rows.add(row);
                });
                if (json) {
                    System.out.println(Json.write(rows));
                } else if (rows.isEmpty()) {
                    System.out.println("no drill schedule (drctl schedule create --pair FILE --every 7d)");
                } else {
                    rows.forEach(r -> System.out.println(r.get("id") + (Boolean.TRUE.equals(r.get("paused")) ? " PAUSED" : "")
                            + "  next " + r.get("next") + "  " + r.get("note")));
                }
                return 0;
            });
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "A schedule: when, paused or not, its drills (running and recent), runs skipped on overlap.")
    static class Describe implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "schedule id, e.g. drill-local")
        String id;
        @Mixin
        TemporalOptions temporal;
        @Option(names = "--json", description = "JSON on stdout")
        boolean json;

        @Override
        public Integer call() {
            return withSchedules(temporal, client -> {
                ScheduleDescription d = existing(client, id).describe();
                ScheduleInfo info = d.getInfo();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", id);
                Object when = d.getMemo(WHEN, String.class);
                out.put("pair", d.getMemo(PAIR, String.class));
                out.put("when", when != null ? when : DrillSchedule.when(d.getSchedule().getSpec()));
                out.put("paused", d.getSchedule().getState().isPaused());
                out.put("note", d.getSchedule().getState().getNote());
                out.put("overlap", d.getSchedule().getPolicy().getOverlap().name()
                        .replace("SCHEDULE_OVERLAP_POLICY_", "").toLowerCase(java.util.Locale.ROOT));
                out.put("pauseOnFailure", d.getSchedule().getPolicy().isPauseOnFailure());
                out.put("drills", info.getNumActions());
                out.put("skippedOnOverlap", info.getNumActionsSkippedOverlap());
                out.put("missedCatchupWindow", info.getNumActionsMissedCatchupWindow());
                out.put("running", info.getRunningActions().stream().map(ScheduleCommand::workflowId).toList());
                out.put("recent", info.getRecentActions().stream().map(a -> Map.of("scheduledAt",
                        a.getScheduledAt().toString(), "workflowId", workflowId(a.getAction()))).toList());
                out.put("next", info.getNextActionTimes().stream().limit(3).map(Instant::toString).toList());
                if (json) {
                    System.out.println(Json.write(out));
                } else {
                    out.forEach((k, v) -> System.out.println(k + ": " + v));
                }
                return 0;
            });
        }
    }

    static String workflowId(io.temporal.client.schedules.ScheduleActionExecution action) {
        return action instanceof ScheduleActionExecutionStartWorkflow w ? w.getWorkflowId() : String.valueOf(action);
    }

    /** pause, unpause, trigger, delete: one schedule, one call. */
    abstract static class OnOne implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "schedule id, e.g. drill-local")
        String id;
        @Mixin
        TemporalOptions temporal;

        abstract String apply(ScheduleHandle handle);

        @Override
        public Integer call() {
            return withSchedules(temporal, client -> {
                System.out.println(apply(existing(client, id)));
                return 0;
            });
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a schedule (no drill starts until unpaused).")
    static class Pause extends OnOne {
        @Option(names = "--note", description = "why (shown by describe)")
        String note;

        @Override
        String apply(ScheduleHandle handle) {
            handle.pause(note == null ? "paused by drctl" : note);
            return "schedule " + id + " paused";
        }
    }

    @Command(name = "unpause", mixinStandardHelpOptions = true, description = "Unpause a schedule.")
    static class Unpause extends OnOne {
        @Override
        String apply(ScheduleHandle handle) {
            handle.unpause("unpaused by drctl");
            return "schedule " + id + " unpaused";
        }
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Start a drill now, by the schedule's policy: skipped (and counted) while its previous drill runs.")
    static class Trigger extends OnOne {
        @Override
        String apply(ScheduleHandle handle) {
            handle.trigger();
            return "schedule " + id + " triggered (skipped if its previous drill still runs: drctl schedule describe " + id + ")";
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a schedule (a drill it started runs on).")
    static class Delete extends OnOne {
        @Override
        String apply(ScheduleHandle handle) {
            handle.delete();
            return "schedule " + id + " deleted";
        }
    }
}
