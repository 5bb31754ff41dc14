package io.kafkadr.operations.report;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.drill.DrillObjectives;
import io.kafkadr.workflows.drill.DrillResult;
import io.kafkadr.workflows.failback.FailbackReport;
import io.kafkadr.workflows.failover.FailoverReport;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.operation.Step;
import io.kafkadr.workflows.verify.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A failover's or a failback's report as the readable renderers show it: the same sections for
 * both, absent ones empty or null.
 *
 * @param kind          {@code Failover} or {@code Failback}
 * @param outcomeDetail why the outcome is what it is (the last note the workflow wrote)
 * @param startedBy     who started the workflow (the Temporal client's identity), null if unknown
 * @param rtoMillis     measured RTO, -1 if not reached, null for an operation without one
 * @param objectives    what the pair holds the operation to; {@link Objectives#NONE} if nothing
 */
public record ReportView(
        String kind,
        String operationId,
        String pair,
        String outcome,
        String outcomeDetail,
        String mode,
        String from,
        String to,
        String reason,
        String incidentId,
        String startedBy,
        String approvedBy,
        long startedAtMillis,
        long endedAtMillis,
        Long rtoMillis,
        Objectives objectives,
        List<Step> timeline,
        List<ClientMove> consumers,
        List<ClientMove> producers,
        List<PartitionFigures> figures,
        List<CheckList> checks,
        List<Fact> facts,
        List<String> notes) {

    /** A labelled value of the summary. */
    public record Fact(String label, String value) {
    }

    public static ReportView of(FailoverReport r, String startedBy) {
        List<PartitionFigures> figures = new ArrayList<>();
        boolean separated = r.lossKnown() != null || !list(r.lossEstimate()).isEmpty();
        if (r.lossKnown() != null) {
            figures.add(new PartitionFigures(PartitionFigures.LOSS_KNOWN, "records per partition '" + r.from()
                    + "' was last seen to hold that '" + r.to() + "' has no copy of (by the copies' origin): lost for "
                    + "sure, a lower bound", r.lossKnown(), true));
        }
        if (!list(r.lossEstimate()).isEmpty()) {
            figures.add(new PartitionFigures(PartitionFigures.LOSS_ESTIMATE, "what '" + r.from() + "' may have taken "
                    + "beyond that: its peak rate over the " + r.lossEstimateWindowMillis() / 1000.0 + " s after it was "
                    + "last seen; an estimate, not a bound (a burst, a new partition, a client outside the pair exceed "
                    + "it); the failback measures the truth", r.lossEstimate(), true));
        }
        if (!separated && !list(r.lossBound()).isEmpty()) {
            figures.add(new PartitionFigures(PartitionFigures.LOSS_BOUND,
                    "records per partition the old cluster was seen to hold beyond what Connect had committed as "
                            + "copied, plus its peak rate over the silence: an estimate, not a bound", r.lossBound(), true));
        }
        if (!r.drainedTo().isEmpty()) {
            figures.add(new PartitionFigures("Drained to", "source end offsets replication had copied when the producers "
                    + "moved: nothing written before them is lost", r.drainedTo(), false));
        }
        return new ReportView("Failover", r.operationId(), r.pair(), r.outcome(), last(r.notes()), r.mode(), r.from(),
                r.to(), r.reason(), r.incidentId(), startedBy, r.approvedBy(), r.startedAtMillis(), r.endedAtMillis(),
                r.rtoMillis(), Objectives.NONE, list(r.timeline()), list(r.consumers()), list(r.producers()), figures,
                List.of(new CheckList("Pre-checks", list(r.preChecks()))), List.of(), list(r.notes()));
    }

    public static ReportView of(FailbackReport r, String startedBy) {
        List<PartitionFigures> figures = List.of(new PartitionFigures(PartitionFigures.SALVAGED,
                "records of the primary that never reached the secondary, copied to quarantine on the secondary",
                list(r.salvaged()), true));
        List<Fact> facts = new ArrayList<>(List.of(new Fact("records salvaged", String.valueOf(r.recordsSalvaged())),
                new Fact("topics recreated on the primary", String.join(", ", list(r.recreatedTopics())))));
        if (r.failoverOperationId() != null) {
            add(facts, "the unplanned failover's figures", r.failoverOperationId() + ": "
                    + (r.failoverLossKnown() == null ? "lost not known" : r.failoverLossKnown() + " known lost")
                    + ", " + r.failoverLossEstimate() + " estimated beyond; measured here: " + r.recordsSalvaged()
                    + " salvaged");
        }
        if (!list(r.foreignWrites()).isEmpty()) {
            facts.add(new Fact("foreign writes to the recreated primary (quarantined)", list(r.foreignWrites()).stream()
                    .map(f -> f.topic() + "-" + f.partition() + " offsets " + f.firstOffset() + ".." + f.lastOffset()
                            + ": " + f.count()).collect(java.util.stream.Collectors.joining("; "))));
        }
        return new ReportView("Failback", r.operationId(), r.pair(), r.outcome(), last(r.notes()), null, null, null,
                r.reason(), null, startedBy, r.approvedBy(), r.startedAtMillis(), r.endedAtMillis(), null, Objectives.NONE,
                list(r.timeline()), list(r.consumers()), list(r.producers()), figures,
                List.of(new CheckList("Convergence of the reverse replication", list(r.convergence())),
                        new CheckList("Restored replication", list(r.finalChecks()))), facts, list(r.notes()));
    }

    /**
     * A drill: its phases as the timeline (each a child workflow), their checks, the objectives it
     * was held to, where it left the pair; the client moves of its failover when that report is at
     * hand ({@code failover}, else null).
     */
    public static ReportView of(DrillResult r, String startedBy, FailoverReport failover) {
        List<Step> phases = list(r.phases()).stream().map(p -> new Step(p.name(), p.startedAtMillis(), p.endedAtMillis(),
                (p.passed() ? "passed" : "FAILED") + (p.workflowId() == null ? "" : " (workflow " + p.workflowId() + ")")
                        + (p.detail() == null ? "" : ": " + p.detail()))).toList();
        List<CheckList> checks = new ArrayList<>();
        list(r.phases()).forEach(p -> checks.add(new CheckList("Phase " + p.name(), list(p.checks()))));
        if (!list(r.objectives()).isEmpty()) {
            checks.add(new CheckList("Objectives", r.objectives()));
        }
        Long rto = null;
        Long rpo = null;
        for (Check c : list(r.objectives())) {
            rto = DrillObjectives.RTO.equals(c.name()) ? Long.valueOf(c.threshold() / 1000) : rto;
            rpo = DrillObjectives.RPO_RECORDS.equals(c.name()) ? Long.valueOf(c.threshold()) : rpo;
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("left", r.leftWhere()));
        facts.add(new Fact("records lost (the workflow's figure)", r.recordsLost() < 0 ? "unknown" : String.valueOf(r.recordsLost())));
        if (r.canary() != null) {
            facts.add(new Fact("canary", "topic " + r.canary().topic() + ", group " + r.canary().group() + ", run "
                    + r.canary().runId()));
            r.canary().halves().forEach(h -> facts.add(new Fact("canary, " + h.name() + " (bursts " + h.bursts() + ")",
                    "produced " + h.produced() + ", read " + h.read() + ", lost " + h.lost() + ", duplicated "
                            + h.duplicated())));
        }
        return new ReportView("Drill", r.drillId(), r.pair(), r.outcome() == null ? null : r.outcome().value(),
                last(r.notes()), "planned", failover == null ? null : failover.from(), failover == null ? null : failover.to(),
                r.reason(), null, startedBy, failover == null ? null : failover.approvedBy(), r.startedAtMillis(),
                r.endedAtMillis(), r.rtoMillis(), new Objectives(rto, rpo), phases,
                failover == null ? List.of() : list(failover.consumers()),
                failover == null ? List.of() : list(failover.producers()), List.of(), checks, facts, list(r.notes()));
    }

    public ReportView withObjectives(Objectives objectives) {
        return new ReportView(kind, operationId, pair, outcome, outcomeDetail, mode, from, to, reason, incidentId, startedBy,
                approvedBy, startedAtMillis, endedAtMillis, rtoMillis, Objects.requireNonNull(objectives), timeline,
                consumers, producers, figures, checks, facts, notes);
    }

    /** The header's facts, those the report has, in reading order. */
    public List<Fact> summary(Formats f) {
        List<Fact> out = new ArrayList<>();
        add(out, "pair", pair);
        add(out, "direction", from == null ? null : from + " -> " + to);
        add(out, "mode", mode);
        add(out, "reason", reason);
        add(out, "incident", incidentId);
        add(out, "started by", startedBy);
        add(out, "approved by", approvedBy);
        add(out, "started", f.instant(startedAtMillis));
        add(out, "ended", f.instant(endedAtMillis) + " (" + f.duration(endedAtMillis - startedAtMillis) + ")");
        out.addAll(facts);
        return out;
    }

    public boolean succeeded() {
        return "completed".equals(outcome) || "passed".equals(outcome);
    }

    public List<Decision> decisions() {
        return Decision.of(timeline, notes);
    }

    /** RTO measured, as a sentence: {@code RTO measured 12.3 s} or {@code RTO not reached}; null without RTO. */
    public String rtoMeasured(Formats f) {
        if (rtoMillis == null) {
            return null;
        }
        return rtoMillis < 0 ? "RTO not reached" : "RTO measured " + f.seconds(rtoMillis);
    }

    /**
     * An objective against what was measured.
     *
     * @param target null when the pair sets none
     * @param met    null when there is no target or the measurement cannot tell
     */
    public record Measure(String objective, String target, String measured, Boolean met) {
    }

    /** RTO (when the operation has one) and RPO (when a target or a loss bound exists), objectives optional. */
    public List<Measure> measures(Formats f) {
        List<Measure> out = new ArrayList<>();
        if (rtoMillis != null || objectives.rtoSeconds() != null) {
            Long target = objectives.rtoSeconds();
            String measured = rtoMillis == null ? "not measured" : rtoMeasured(f);
            Boolean met = target == null || rtoMillis == null ? null : rtoMillis >= 0 && rtoMillis <= target * 1000;
            out.add(new Measure("RTO", target == null ? null : target + " s", measured, met));
        }
        Long known = total(PartitionFigures.LOSS_KNOWN);
        Long estimate = total(PartitionFigures.LOSS_ESTIMATE);
        Long old = total(PartitionFigures.LOSS_BOUND);
        boolean drained = succeeded() && "planned".equals(mode);
        if (objectives.rpoRecords() != null || known != null || estimate != null || old != null) {
            Long target = objectives.rpoRecords();
            long atLeast = known == null ? 0 : known;
            long perhaps = atLeast + (estimate == null ? 0 : estimate);
            String measured = known != null || estimate != null
                    ? (known == null ? "lost: not known (copies without origin)" : "at least " + f.count(known)
                            + " records lost (known)") + (estimate == null ? "" : ", about " + f.count(estimate)
                            + " more estimated (not a bound)")
                    : old != null ? "about " + f.count(old) + " records lost (seen plus estimated, not a bound)"
                    : drained ? "0 records lost: replication drained before the producers moved" : "not measured";
            // met only when even the estimate fits; missed when what is known already exceeds it
            Boolean met = target == null ? null
                    : known != null || estimate != null ? atLeast > target ? Boolean.FALSE
                            : known != null && perhaps <= target ? Boolean.TRUE : null
                    : old != null ? null : drained ? Boolean.TRUE : null;
            out.add(new Measure("RPO", target == null ? null : f.count(target) + " records", measured, met));
        }
        return out;
    }

    /** Hand-overs whose group may read records again: placed from MM2's translation or kept. */
    public List<OffsetHandOver> mayRedeliver() {
        return handOvers().stream()
                .filter(o -> OffsetHandOver.MM2.equals(o.derivation()) || OffsetHandOver.KEPT.equals(o.derivation())).toList();
    }

    /** Hand-overs that placed nothing: the client's auto.offset.reset decides where it reads. */
    public List<OffsetHandOver> notPlaced() {
        return handOvers().stream().filter(o -> OffsetHandOver.NONE.equals(o.derivation())).toList();
    }

    public List<OffsetHandOver> handOvers() {
        return consumers.stream().flatMap(c -> list(c.offsets()).stream()).toList();
    }

    /** The total of the figures titled {@code title}; null when the report has none. */
    public Long total(String title) {
        return figures.stream().filter(p -> p.title().equals(title)).findFirst().map(PartitionFigures::total).orElse(null);
    }

    /** What a hand-over's derivation means for the group, for people. */
    public static String derivationMeaning(String derivation) {
        return switch (derivation == null ? "" : derivation) {
            case OffsetHandOver.EXACT -> "exact: right after the last copy of a record the group had read";
            case OffsetHandOver.CONTENT -> "content: the same occurrence of the last consumed record's content";
            case OffsetHandOver.LOG_START -> "log-start: nothing consumed yet";
            case OffsetHandOver.MM2 -> "mm2: no match, MM2's translated offset; may re-deliver records";
            case OffsetHandOver.KEPT -> "kept: the offset the group already had there; may re-deliver records";
            case OffsetHandOver.NONE -> "none: not placed, the client's auto.offset.reset decides";
            case OffsetHandOver.UNCOMMITTED -> "uncommitted: never committed there; placed where its client would have "
                    + "started at its stop (uncommitted: latest or earliest)";
            default -> String.valueOf(derivation);
        };
    }

    public static String partition(PartitionOffset p) {
        return p.topic() + "-" + p.partition();
    }

    private static void add(List<Fact> out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.add(new Fact(label, value));
        }
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static String last(List<String> notes) {
        return notes == null || notes.isEmpty() ? null : notes.get(notes.size() - 1);
    }
}
