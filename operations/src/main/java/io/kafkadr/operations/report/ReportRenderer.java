package io.kafkadr.operations.report;

/** A readable form of a report: a pure function of the view. */
public interface ReportRenderer {

    String render(ReportView view);
}
