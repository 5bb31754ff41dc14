package io.kafkadr.operations.report;

import io.kafkadr.workflows.operation.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A human's part in an operation: an approval (a step of the timeline) or a decision about a
 * client that failed (a note, as the workflow writes it: {@code <client>: <action> by <who>[: why |
 * after: why]}).
 *
 * @param atMillis when, 0 if the report does not say (decisions are notes without a time)
 */
public record Decision(long atMillis, String subject, String action, String by, String why) {

    private static final Pattern APPROVED = Pattern.compile("approved by (.+?)(?:: (.*))?", Pattern.DOTALL);
    private static final Pattern DECIDED = Pattern.compile(
            "(.+?): (health check skipped|rolled back to \\S+|(?:start|health check) retried|retry|skip|rollback|abort)"
                    + " by (.+?)(?:(?:: | after: | after the hand-over failed: )(.*))?", Pattern.DOTALL);

    /** The approvals in {@code steps} and the operator decisions in {@code notes}. */
    public static List<Decision> of(List<Step> steps, List<String> notes) {
        List<Decision> decisions = new ArrayList<>();
        for (Step s : steps) {
            if (s.name().equals("approval")) {
                Matcher m = APPROVED.matcher(s.detail() == null ? "" : s.detail());
                decisions.add(m.matches() ? new Decision(s.endedAtMillis(), "operation", "approved", m.group(1), m.group(2))
                        : new Decision(s.endedAtMillis(), "operation", s.detail(), null, null));
            }
        }
        for (String note : notes) {
            Matcher m = DECIDED.matcher(note == null ? "" : note);
            if (m.matches()) {
                decisions.add(new Decision(0, m.group(1), m.group(2), m.group(3), m.group(4)));
            }
        }
        return decisions;
    }
}
