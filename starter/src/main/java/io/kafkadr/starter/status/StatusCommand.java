package io.kafkadr.starter.status;

import io.kafkadr.operations.Json;
import io.kafkadr.starter.PairOptions;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.PairStatus;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.common.Progress;
import io.kafkadr.workflows.drpair.FailedTask;
import io.kafkadr.workflows.drpair.OperationRef;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.pair.PairConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a pair: active side, replication, the operation in flight with its step, past operations, "
                + "failed MM2 tasks the pair's watch restarted.")
public class StatusCommand implements Callable<Integer> {

    @Mixin
    PairOptions pairOptions;
    @Mixin
    TemporalOptions temporal;
    @Option(names = "--json", description = "JSON on stdout")
    boolean json;

    @Override
    public Integer call() {
        PairConfig pair = pairOptions.load();
        try (Operations ops = new Operations(temporal, System.err)) {
            PairStatus status = ops.status(pair.name());
            Optional<PairState> state = Optional.ofNullable(status.state());
            Optional<Progress> progress = Optional.ofNullable(status.progress());
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("pair", pair.name());
                out.put("state", state.orElse(null));
                out.put("progress", progress.orElse(null));
                System.out.println(Json.write(out));
                return 0;
            }
            if (state.isEmpty()) {
                System.out.println("pair " + pair.name() + ": no operation yet (active on " + pair.primary() + ")");
                return 0;
            }
            PairState s = state.get();
            System.out.println("pair " + s.pair() + ": active on " + s.active() + ", replication "
                    + (s.replication() == null ? "none recorded" : s.replication()));
            OperationRef op = s.inFlight();
            System.out.println(op == null ? "no operation in flight"
                    : "in flight: " + op.type() + " " + op.id() + " since " + Instant.ofEpochMilli(op.startedAtMillis())
                    + progress.map(p -> "; step " + p.step() + ": " + p.detail()).orElse(""));
            s.past().forEach(p -> System.out.println("  " + Instant.ofEpochMilli(p.endedAtMillis()) + " " + p.type() + " "
                    + p.id() + ": " + p.outcome()));
            if (s.fence() != null) {
                System.out.println("write fence on " + s.fence().cluster() + " (remove with kafka-acls --remove once "
                        + "producers may write there, if no operation will):");
                s.fence().acls().forEach(a -> System.out.println("  " + a.describe()));
                s.fence().unfenced().forEach(u -> System.out.println("  not fenced: " + u));
            }
            if (!s.taskRestarts().isEmpty()) {
                System.out.println("failed MM2 tasks the watch restarted (newest last):");
                s.taskRestarts().forEach(r -> System.out.println("  " + Instant.ofEpochMilli(r.restartedAtMillis())
                        + " restarted " + r.connector() + (r.task() == FailedTask.CONNECTOR ? "" : " task " + r.task())
                        + (r.trace() == null ? "" : ": " + r.trace())));
            }
            return 0;
        }
    }
}
