package io.kafkadr.workflows.operation;

/** A human's go for an operation waiting at its approval gate. */
public record Approval(String by, String reason) {

    /** Why this approval cannot open any gate, or null: who approves is the audit trail. */
    public String malformed() {
        return by == null || by.isBlank() ? "an approval needs 'by' (who approves, for the audit trail): "
                + "drctl approve ... --by NAME" : null;
    }
}
