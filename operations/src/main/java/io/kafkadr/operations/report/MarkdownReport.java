package io.kafkadr.operations.report;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.operation.Step;
import io.kafkadr.workflows.verify.Check;
import java.util.List;

/** The report as a Markdown document (what {@code drctl failover} and {@code failback} print when done). */
public final class MarkdownReport implements ReportRenderer {

    private final Formats formats;

    public MarkdownReport(Formats formats) {
        this.formats = formats;
    }

    @Override
    public String render(ReportView v) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(v.kind()).append(' ').append(v.operationId()).append("\n\n");
        out.append("**").append(v.outcome()).append("**");
        if (v.outcomeDetail() != null) {
            out.append(": ").append(inline(v.outcomeDetail()));
        }
        out.append("\n\n");
        v.summary(formats).forEach(f -> out.append("- ").append(f.label()).append(": ").append(inline(f.value())).append('\n'));
        List<ReportView.Measure> measures = v.measures(formats);
        if (!measures.isEmpty()) {
            table(out, "Objectives and measured", List.of("", "objective", "measured", "met"), "|---|---|---|---|",
                    measures.stream().map(m -> List.<Object>of(m.objective(), m.target() == null ? "none set" : m.target(),
                            m.measured(), m.met() == null ? "-" : m.met() ? "yes" : "no")).toList());
        }
        table(out, "Timeline", List.of("step", "start", "duration", "detail"), "|---|---:|---:|---|",
                v.timeline().stream().map(s -> row(s, v.startedAtMillis())).toList());
        List<Decision> decisions = v.decisions();
        if (!decisions.isEmpty()) {
            table(out, "Approvals and operator decisions", List.of("when", "about", "decision", "by", "why"),
                    "|---|---|---|---|---|", decisions.stream().map(d -> List.<Object>of(
                            d.atMillis() > 0 ? formats.instant(d.atMillis()) : "-", d.subject(), d.action(),
                            d.by() == null ? "-" : d.by(), d.why() == null ? "" : d.why())).toList());
        }
        moves(out, v.consumers());
        moves(out, v.producers());
        for (PartitionFigures f : v.figures()) {
            out.append("\n## ").append(f.title()).append("\n\n").append(inline(f.meaning())).append("\n\n");
            for (PartitionOffset p : f.partitions()) {
                out.append("- ").append(inline(ReportView.partition(p))).append(": ").append(p.offset()).append('\n');
            }
            if (f.summable()) {
                out.append("- total: ").append(f.total()).append('\n');
            }
        }
        List<OffsetHandOver> redeliver = v.mayRedeliver();
        if (!redeliver.isEmpty()) {
            out.append("\n").append(redeliver.size()).append(" of ").append(v.handOvers().size())
                    .append(" partitions resume from MM2's translation or a kept offset: their groups may read records again.\n");
        }
        for (CheckList list : v.checks()) {
            if (!list.checks().isEmpty()) {
                table(out, list.title(), List.of("", "check", "value", "threshold", "detail"), "|---|---|---:|---:|---|",
                        list.checks().stream().map(MarkdownReport::row).toList());
            }
        }
        out.append("\n## Notes\n\n");
        v.notes().forEach(n -> out.append("- ").append(inline(n)).append('\n'));
        return out.toString();
    }

    private List<Object> row(Step s, long origin) {
        return List.of(s.name(), "+" + formats.duration(s.startedAtMillis() - origin), formats.duration(s.durationMillis()),
                s.detail() == null ? "" : s.detail());
    }

    private static List<Object> row(Check c) {
        return List.of(c.passed() ? "ok" : "FAIL", c.name(), c.value(), c.threshold(), c.detail() == null ? "" : c.detail());
    }

    private static void moves(StringBuilder out, List<ClientMove> moves) {
        for (ClientMove c : moves) {
            out.append("\n## ").append(inline(c.client())).append(": ").append(c.outcome()).append(" (").append(c.from())
                    .append(" -> ").append(c.to()).append(")\n\n").append(inline(c.health())).append('\n');
            if (c.offsets() != null && !c.offsets().isEmpty()) {
                table(out, null, List.of("partition", "committed on old", "MM2 translated", "committed on new", "derived"),
                        "|---|---:|---:|---:|---|", c.offsets().stream().map(o -> List.<Object>of(
                                o.targetTopic() + "-" + o.partition(), o.sourceCommitted(), o.mm2Translated(),
                                o.targetOffset(), o.derivation())).toList());
            }
        }
    }

    private static void table(StringBuilder out, String title, List<String> header, String rule, List<List<Object>> rows) {
        if (title != null) {
            out.append("\n## ").append(title).append('\n');
        }
        out.append("\n| ").append(String.join(" | ", header.stream().map(MarkdownReport::cell).toList())).append(" |\n")
                .append(rule).append('\n');
        for (List<Object> r : rows) {
            out.append("| ").append(String.join(" | ", r.stream().map(MarkdownReport::cell).toList())).append(" |\n");
        }
    }

    /** A table cell: one line, pipes escaped. */
    static String cell(Object value) {
        return inline(value).replace("|", "\\|");
    }

    /** One line of text: line breaks become spaces, markup characters that could start HTML are escaped. */
    static String inline(Object value) {
        return value == null ? "" : value.toString().replace("\r", "").replace('\n', ' ').replace("<", "&lt;");
    }
}
