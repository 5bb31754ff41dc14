package io.kafkadr.operations.report;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.operation.Step;
import io.kafkadr.workflows.verify.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports as the workflows write them: a planned failover with an approval, a group whose health
 * check an operator skipped (its name tries to inject markup) and one that fell back to MM2's
 * offsets; an unplanned one with a loss bound; a failback with salvaged records; a failover of
 * many groups.
 */
final class ReportFixtures {

    static final long T0 = 1_700_000_000_000L;
    static final String EVIL = "<script>alert('x')</script>&\"grp\"";

    private ReportFixtures() {
    }

    static Step step(String name, long from, long to, String detail) {
        return new Step(name, T0 + from, T0 + to, detail);
    }

    static List<Step> groupSteps(String label, long at, boolean healthy) {
        return List.of(step("stop " + label, at, at + 900, "on primary"),
                step("hand over " + label, at + 900, at + 4_900, "primary -> secondary"),
                step("start " + label, at + 4_900, at + 5_700, "on secondary"),
                step("health " + label, at + 5_700, at + 9_800, healthy ? label + " healthy on secondary"
                        : "UNHEALTHY: lag 120 > 100"));
    }

    static FailoverReport plannedFailover() {
        List<Step> steps = new ArrayList<>(List.of(step("lock", 0, 120, "pair orders"),
                step("pre-checks", 120, 4_300, "replication primary -> secondary healthy"),
                step("approval", 4_300, 65_000, "approved by alice: change CHG-42, window 10:00-11:00"),
                step("move consumer groups", 65_000, 80_000, "2 of 2 groups, 20 at a time")));
        steps.addAll(groupSteps("consumer orders-app", 65_100, true));
        steps.addAll(groupSteps("consumer " + EVIL, 65_200, false));
        steps.addAll(List.of(step("stop producers", 80_000, 81_000, "primary"),
                step("drain replication", 81_000, 83_000, "primary -> secondary"),
                step("start producer billing", 83_000, 84_000, "on secondary"),
                step("health producer billing", 84_000, 86_000, "producer billing healthy on secondary"),
                step("delete connectors", 86_000, 87_500, "primary -> secondary")));
        ClientMove orders = new ClientMove("consumer orders-app", "primary", "secondary", "moved", List.of(
                new OffsetHandOver("orders", "orders", 0, 1_200, 1_180, 1_200, OffsetHandOver.EXACT),
                new OffsetHandOver("orders", "orders", 1, 950, 940, 940, OffsetHandOver.MM2),
                new OffsetHandOver("orders", "orders", 2, 0, -1, 0, OffsetHandOver.LOG_START)),
                "consumer orders-app healthy on secondary", T0 + 75_000);
        ClientMove evil = new ClientMove("consumer " + EVIL, "primary", "secondary", "skipped-health-check", List.of(
                new OffsetHandOver("payments", "payments", 0, 77, 70, 77, OffsetHandOver.CONTENT)),
                "lag 120 > 100", -1);
        ClientMove billing = new ClientMove("producer billing", "primary", "secondary", "moved", List.of(),
                "producer billing healthy on secondary", T0 + 86_000);
        return new FailoverReport("failover/orders/1700000000000", "orders", "planned", "quarterly drill <b>bold</b>",
                null, "alice", "completed", "primary", "secondary", T0, T0 + 87_600, 86_000, steps,
                List.of(new Check("count:orders-0", 0, 10, true, "source 1200, target 1200"),
                        new Check("checkpoints:orders-app", 30, 60, true, "age 30 s")),
                List.of(orders, evil), List.of(billing),
                List.of(new PartitionOffset("orders", 0, 1_250), new PartitionOffset("orders", 1, 990)), List.of(), 0,
                List.of("consumer " + EVIL + ": health check skipped by bob: lag 120 > 100",
                        "consumer orders-app: no exact match for some partitions, MM2's translated offsets used "
                                + "(the group may re-read records)",
                        "active on 'secondary', no replication"));
    }

    static FailoverReport unplannedFailover() {
        List<Step> steps = List.of(step("lock", 0, 100, "pair orders"),
                step("primary reachable?", 100, 8_100, "primary"),
                step("move consumer groups", 8_100, 20_000, "1 of 1 groups, 20 at a time"),
                step("start producer billing", 20_000, 21_000, "on secondary"),
                step("health producer billing", 21_000, 23_000, "healthy"),
                step("stop connectors", 23_000, 23_400, "primary -> secondary"));
        return new FailoverReport("failover/orders/INC-7", "orders", "unplanned", "region down", "INC-7", null,
                "completed", "primary", "secondary", T0, T0 + 24_000, 23_000, steps, List.of(),
                List.of(new ClientMove("consumer orders-app", "primary", "secondary", "moved", List.of(
                        new OffsetHandOver("orders", "orders", 0, -1, 1_180, 1_180, OffsetHandOver.KEPT)), "healthy",
                        T0 + 19_000)),
                List.of(), List.of(),
                List.of(new PartitionOffset("orders", 0, 40), new PartitionOffset("orders", 1, 2)), T0 - 3_000,
                List.of("'primary' did not answer: it cannot be fenced; clients left there may write to it if it returns",
                        "incident INC-7", "known lost: 40 records 'primary' was last seen to hold ...",
                        "active on 'secondary', no replication"),
                List.of(new PartitionOffset("orders", 0, 38), new PartitionOffset("orders", 1, 0)),
                List.of(new PartitionOffset("orders", 0, 2), new PartitionOffset("orders", 1, 2)), 3_500);
    }

    /** An unplanned failover reported before the loss figures were separated: one figure, lossBound. */
    static FailoverReport unplannedFailoverOfOldReport() {
        FailoverReport r = unplannedFailover();
        return new FailoverReport(r.operationId(), r.pair(), r.mode(), r.reason(), r.incidentId(), r.approvedBy(),
                r.outcome(), r.from(), r.to(), r.startedAtMillis(), r.endedAtMillis(), r.rtoMillis(), r.timeline(),
                r.preChecks(), r.consumers(), r.producers(), r.drainedTo(), r.lossBound(), r.lossBoundAsOfMillis(),
                r.notes());
    }

    static FailbackReport failback() {
        List<Step> steps = new ArrayList<>(List.of(step("lock", 0, 90, "pair orders"),
                step("primary reachable?", 90, 400, "primary"),
                step("salvage", 400, 12_000, "records of primary that never reached secondary"),
                step("clean primary", 12_000, 20_000, "delete and recreate the data topics of primary"),
                step("reverse replication", 20_000, 35_000, "secondary -> primary"),
                step("converge", 35_000, 60_000, "see workflow failback/orders/1/converge")));
        steps.addAll(List.of(step("stop consumer orders-app", 60_000, 61_000, "on secondary"),
                step("hand back consumer orders-app", 61_000, 64_000, "secondary -> primary"),
                step("start consumer orders-app", 64_000, 65_000, "on primary"),
                step("health consumer orders-app", 65_000, 70_000, "healthy"),
                step("remove reverse replication", 70_000, 71_000, "secondary -> primary"),
                step("restore replication", 71_000, 90_000, "primary -> secondary"),
                step("verify", 90_000, 110_000, "primary -> secondary")));
        return new FailbackReport("failback/orders/1700000100000", "orders", "back home", null, "completed", T0,
                T0 + 111_000, steps,
                List.of(new PartitionOffset("orders", 0, 12), new PartitionOffset("orders", 1, 0),
                        new PartitionOffset("payments", 0, 5)), 17, List.of("orders", "payments"),
                List.of(new Check("count:orders-0", 0, 10, true, "converged")),
                List.of(new ClientMove("consumer orders-app", "secondary", "primary", "moved", List.of(
                        new OffsetHandOver("orders", "orders", 0, 1_500, 1_480, 1_500, OffsetHandOver.EXACT)), "healthy",
                        T0 + 70_000)),
                List.of(),
                List.of(new Check("count:orders-0", 0, 10, true, "converged"),
                        new Check("heartbeats", 0, 1, false, "no heartbeat yet")),
                List.of("consumer orders-app: skip by carol after: not healthy", "back on 'primary', replication restored"),
                List.of());
    }

    /** A failover of {@code groups} groups whose steps the report kept: 4 per group plus the operation's. */
    static FailoverReport manyGroups(int groups) {
        List<Step> steps = new ArrayList<>(List.of(step("lock", 0, 100, "pair big"),
                step("pre-checks", 100, 3_000, "healthy"),
                step("move consumer groups", 3_000, 3_000 + groups * 1_000L, groups + " of " + groups + " groups")));
        List<ClientMove> consumers = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            steps.addAll(groupSteps("consumer farm-g" + i, 3_000 + i * 900L, true));
            consumers.add(new ClientMove("consumer farm-g" + i, "primary", "secondary", "moved", List.of(
                    new OffsetHandOver("farm-t" + i, "farm-t" + i, 0, 20, 20, 20, OffsetHandOver.EXACT)), "healthy", -1));
        }
        long end = 3_000 + groups * 1_000L + 12_000;
        steps.add(step("delete connectors", end - 1_000, end, "primary -> secondary"));
        return new FailoverReport("failover/big/1", "big", "planned", "scale", null, null, "completed", "primary",
                "secondary", T0, T0 + end, end - 1_000, steps, List.of(), consumers, List.of(), List.of(), List.of(), 0,
                List.of("active on 'secondary', no replication"));
    }

    /** A drill that passed, its RTO objective met: phases, checks, where it left the pair. */
    static io.kafkadr.workflows.drill.DrillResult drill() {
        String id = "drill/orders/scheduled-2023-11-14T22:00:00Z";
        java.util.function.BiFunction<String, Long, io.kafkadr.workflows.drill.DrillPhase> phase = (name, at) ->
                new io.kafkadr.workflows.drill.DrillPhase(name, id + "/" + name, true, at, at + 20_000,
                        List.of(new io.kafkadr.workflows.verify.Check("count:orders-0", 0, 0, true, "1200 = 1200")), "ok");
        return new io.kafkadr.workflows.drill.DrillResult(id, "orders", "weekly drill " + EVIL,
                io.kafkadr.workflows.drill.DrillOutcome.PASSED, T0, T0 + 100_000, 17_300, 0,
                List.of(phase.apply("pre-verify", T0), phase.apply("failover", T0 + 20_000),
                        phase.apply("failback", T0 + 50_000), phase.apply("verify", T0 + 80_000)),
                List.of(new io.kafkadr.workflows.verify.Check("objective:rto", 17_300, 60_000, true, "RTO 17.3 s, objective 60 s")),
                "primary", new io.kafkadr.workflows.pair.Direction("primary", "secondary"),
                "active on 'primary', replication primary -> secondary, as before the drill", List.of("every phase passed"));
    }
}
