package io.kafkadr.operations.report;

import io.kafkadr.operations.Json;

/** The forms {@code drctl report} writes. */
public enum ReportFormat {
    /** the workflow's result as stored, as JSON */
    json,
    /** the readable report as a Markdown document */
    md,
    /** one self-contained HTML page with the timeline as a picture */
    html;

    public String render(Object report, ReportView view, Formats formats) {
        return switch (this) {
            case json -> Json.write(report) + "\n";
            case md -> new MarkdownReport(formats).render(view);
            case html -> new HtmlReport(formats, new TimelineSvg(formats)).render(view);
        };
    }
}
