package io.kafkadr.operations.report;

import io.kafkadr.workflows.cluster.PartitionOffset;
import io.kafkadr.workflows.handover.OffsetHandOver;
import io.kafkadr.workflows.operation.ClientMove;
import io.kafkadr.workflows.verify.Check;
import java.util.List;

/**
 * The report as one self-contained HTML page: inline style sheet and SVG, no script, nothing
 * loaded from anywhere (its Content-Security-Policy forbids it). Every text is escaped.
 */
public final class HtmlReport implements ReportRenderer {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:24px auto;max-width:1040px;padding:0 16px}
            h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d8dde6;padding-bottom:4px}
            h3{font-size:15px;margin:16px 0 6px}
            .outcome{display:inline-block;padding:2px 10px;border-radius:10px;font-weight:600;color:#fff;background:#b3261e}
            .outcome.ok{background:#1e7d32}.detail{margin:6px 0 14px;color:#3a4354}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}dl.facts dt{color:#5b6477}dl.facts dd{margin:0}
            table{border-collapse:collapse;margin:6px 0 10px;font-size:13px}th,td{border:1px solid #d8dde6;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f2f4f8;white-space:nowrap}td.num,td.part{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.part{text-align:left}
            .yes{color:#1e7d32;font-weight:600}.no{color:#b3261e;font-weight:600}.muted{color:#6b7385}
            .d-mm2,.d-kept,.d-none{color:#a15c00;font-weight:600}
            svg.timeline{max-width:100%;height:auto;font-size:11px}svg .tick{stroke:#e3e7ee}svg .tick-label{fill:#6b7385}
            svg .step-label{fill:#1d2330}svg .duration{fill:#5b6477}
            .step.op{fill:#5470c6}.step.client{fill:#73a0de}.step.handover{fill:#2f9e8f}.step.health{fill:#91cc75}
            .step.gate{fill:#e6a23c}.step.trouble{fill:#d9534f}
            .legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:12px;height:10px;margin-right:4px;border-radius:2px}
            .legend .op{background:#5470c6}.legend .client{background:#73a0de}.legend .handover{background:#2f9e8f}
            .legend .health{background:#91cc75}.legend .gate{background:#e6a23c}.legend .trouble{background:#d9534f}
            ul.notes li{margin:2px 0}footer{margin-top:32px;color:#6b7385;font-size:12px}
            """;
    private static final String[][] LEGEND = {{"op", "operation"}, {"client", "stop / start client"},
            {"handover", "hand-over of offsets"}, {"health", "health check"}, {"gate", "approval"},
            {"trouble", "unhealthy / roll back / restart"}};

    private final Formats formats;
    private final TimelineSvg timeline;

    public HtmlReport(Formats formats, TimelineSvg timeline) {
        this.formats = formats;
        this.timeline = timeline;
    }

    @Override
    public String render(ReportView v) {
        Html h = new Html().markup("<!DOCTYPE html>\n").open("html", "lang", "en").open("head")
                .open("meta", "charset", "utf-8")
                .open("meta", "http-equiv", "Content-Security-Policy", "content", "default-src 'none'; style-src 'unsafe-inline'")
                .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", v.kind() + " " + v.operationId() + ": " + v.outcome())
                .open("style").markup(STYLE).close("style").close("head").open("body");
        header(h, v);
        measures(h, v);
        timeline(h, v);
        decisions(h, v);
        consumers(h, v.consumers());
        producers(h, v.producers());
        figures(h, v);
        checks(h, v);
        h.element("h2", "Notes").open("ul", "class", "notes");
        v.notes().forEach(n -> h.element("li", n));
        h.close("ul");
        h.element("footer", "drctl report " + v.operationId() + " --format html; times in "
                + formats.zone() + "; hover over a bar of the timeline for its detail");
        return h.close("body").close("html").markup("\n").toString();
    }

    private void header(Html h, ReportView v) {
        h.open("header").element("h1", v.kind() + " " + v.operationId())
                .element("span", v.outcome(), "class", v.succeeded() ? "outcome ok" : "outcome", "id", "outcome");
        if (v.outcomeDetail() != null) {
            h.element("p", v.outcomeDetail(), "class", "detail");
        }
        h.open("dl", "class", "facts");
        v.summary(formats).forEach(f -> h.element("dt", f.label()).element("dd", f.value()));
        h.close("dl").close("header");
    }

    private void measures(Html h, ReportView v) {
        List<ReportView.Measure> measures = v.measures(formats);
        if (measures.isEmpty()) {
            return;
        }
        h.element("h2", "Objectives and measured").open("table", "class", "measures");
        row(h, "th", "", "objective", "measured", "met");
        for (ReportView.Measure m : measures) {
            h.open("tr").element("th", m.objective())
                    .element("td", m.target() == null ? "none set" : m.target(), "class", m.target() == null ? "muted" : null)
                    .element("td", m.measured(), "class", "measured")
                    .element("td", m.met() == null ? "-" : m.met() ? "yes" : "no", "class", m.met() == null ? "muted"
                            : m.met() ? "yes" : "no")
                    .close("tr");
        }
        h.close("table");
    }

    private void timeline(Html h, ReportView v) {
        h.element("h2", "Timeline (" + v.timeline().size() + " steps, from the start of the operation)");
        if (v.timeline().size() > TimelineSvg.ONE_ROW_PER_STEP_UP_TO) {
            h.element("p", "More than " + TimelineSvg.ONE_ROW_PER_STEP_UP_TO + " steps: each client's steps share its row; "
                    + "hover over a bar for its step, duration and detail.", "class", "muted");
        }
        h.append(timeline.render(v.timeline(), v.startedAtMillis(), v.endedAtMillis()));
        h.open("p", "class", "legend");
        for (String[] l : LEGEND) {
            h.open("span").open("i", "class", l[0]).close("i").text(l[1]).close("span");
        }
        h.close("p");
    }

    private void decisions(Html h, ReportView v) {
        h.element("h2", "Approvals and operator decisions");
        List<Decision> decisions = v.decisions();
        if (decisions.isEmpty()) {
            h.element("p", "None: no approval gate, no decision about a client.", "class", "muted");
            return;
        }
        h.open("table", "class", "decisions");
        row(h, "th", "when", "about", "decision", "by", "why");
        for (Decision d : decisions) {
            row(h, "td", d.atMillis() > 0 ? formats.instant(d.atMillis()) : "-", d.subject(), d.action(),
                    d.by() == null ? "-" : d.by(), d.why() == null ? "" : d.why());
        }
        h.close("table");
    }

    private void consumers(Html h, List<ClientMove> consumers) {
        h.element("h2", "Consumer groups: hand-over (" + consumers.size() + ")");
        if (consumers.isEmpty()) {
            h.element("p", "No consumer group was moved.", "class", "muted");
            return;
        }
        h.open("table", "class", "handover");
        row(h, "th", "group", "from -> to", "outcome", "partition", "source offset -> target offset", "MM2 translated",
                "derivation");
        for (ClientMove c : consumers) {
            List<OffsetHandOver> offsets = c.offsets() == null ? List.of() : c.offsets();
            int span = Math.max(1, offsets.size());
            h.open("tr", "class", "group").element("td", c.client(), "rowspan", span)
                    .element("td", c.from() + " -> " + c.to(), "rowspan", span)
                    .open("td", "rowspan", span, "title", c.health()).text(c.outcome()).open("br").open("small", "class", "muted")
                    .text(c.health()).close("small").close("td");
            if (offsets.isEmpty()) {
                h.element("td", "no partition handed over", "colspan", 4, "class", "muted").close("tr");
            }
            for (int i = 0; i < offsets.size(); i++) {
                OffsetHandOver o = offsets.get(i);
                if (i > 0) {
                    h.open("tr");
                }
                h.element("td", o.targetTopic() + "-" + o.partition(), "class", "part")
                        .element("td", o.sourceCommitted() + " -> " + o.targetOffset(), "class", "num")
                        .element("td", o.mm2Translated() < 0 ? "-" : o.mm2Translated(), "class", "num")
                        .element("td", o.derivation(), "class", "d-" + o.derivation(), "title",
                                ReportView.derivationMeaning(o.derivation()))
                        .close("tr");
            }
        }
        h.close("table");
    }

    private void producers(Html h, List<ClientMove> producers) {
        if (producers.isEmpty()) {
            return;
        }
        h.element("h2", "Producers (" + producers.size() + ")").open("table", "class", "producers");
        row(h, "th", "producer", "from -> to", "outcome", "health", "healthy at");
        for (ClientMove p : producers) {
            row(h, "td", p.client(), p.from() + " -> " + p.to(), p.outcome(), p.health(), formats.instant(p.healthyAtMillis()));
        }
        h.close("table");
    }

    private void figures(Html h, ReportView v) {
        h.element("h2", "Loss, duplicates and salvage");
        for (PartitionFigures f : v.figures()) {
            h.element("h3", f.title() + (f.summable() ? ": " + formats.count(f.total()) + " records in all" : ""))
                    .element("p", f.meaning(), "class", "muted").open("table", "class", "figures");
            row(h, "th", "partition", f.summable() ? "records" : "offset");
            for (PartitionOffset p : f.partitions()) {
                h.open("tr").element("td", ReportView.partition(p), "class", "part").element("td", formats.count(p.offset()), "class", "num")
                        .close("tr");
            }
            if (f.summable()) {
                h.open("tr").element("th", "total").element("th", formats.count(f.total()), "class", "num").close("tr");
            }
            h.close("table");
        }
        List<OffsetHandOver> redeliver = v.mayRedeliver();
        List<OffsetHandOver> notPlaced = v.notPlaced();
        h.element("h3", "Duplicates").element("p", redeliver.isEmpty()
                ? "None expected: every partition handed over resumes right after the last record its group had read ("
                + v.handOvers().size() + " partitions)."
                : redeliver.size() + " of " + v.handOvers().size() + " partitions resume from MM2's translation or a kept "
                + "offset: their groups may read records again: " + String.join(", ", redeliver.stream()
                        .map(o -> o.targetTopic() + "-" + o.partition() + " (" + o.derivation() + ")").toList()) + ".");
        if (!notPlaced.isEmpty()) {
            h.element("p", notPlaced.size() + " partitions were not placed (auto.offset.reset decides): " + String.join(", ",
                    notPlaced.stream().map(o -> o.targetTopic() + "-" + o.partition()).toList()) + ".", "class", "no");
        }
    }

    private void checks(Html h, ReportView v) {
        for (CheckList list : v.checks()) {
            if (list.checks().isEmpty()) {
                continue;
            }
            h.element("h2", list.title() + ": " + (list.checks().size() - list.failed()) + " of " + list.checks().size()
                    + " passed").open("details", "open", list.failed() > 0 ? "open" : null).element("summary", "checks").open("table", "class", "checks");
            row(h, "th", "", "check", "value", "threshold", "detail");
            for (Check c : list.checks()) {
                h.open("tr").element("td", c.passed() ? "ok" : "FAIL", "class", c.passed() ? "yes" : "no")
                        .element("td", c.name()).element("td", c.value(), "class", "num")
                        .element("td", c.threshold(), "class", "num").element("td", c.detail()).close("tr");
            }
            h.close("table").close("details");
        }
    }

    private static void row(Html h, String cell, Object... values) {
        h.open("tr");
        for (Object value : values) {
            h.element(cell, value);
        }
        h.close("tr");
    }
}
