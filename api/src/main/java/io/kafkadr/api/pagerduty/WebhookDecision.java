package io.kafkadr.api.pagerduty;

/** What a PagerDuty webhook delivery asks the API to do. */
public sealed interface WebhookDecision {

    /**
     * Refuse the delivery: answer {@code status} with {@code {"error", "message"}}. The message
     * never holds a secret or the signature that was expected.
     */
    record Reject(int status, String error, String message) implements WebhookDecision {
    }

    /** An authentic delivery that asks for nothing (another event type, an unmapped incident): answer 2xx. */
    record Ignore(String why) implements WebhookDecision {
    }

    /**
     * Start, or join, the failover of {@code pair} for this incident.
     *
     * @param incidentId      {@code pagerduty-<incident id>}: the same incident always names the same operation
     * @param mode            {@code planned} or {@code unplanned}, from the mapping
     * @param reason          {@code PagerDuty incident #<number>: <title>}, for the audit trail
     * @param requireApproval wait for an approval before acting, from the mapping (true unless it says otherwise)
     */
    record Failover(String pair, String incidentId, String mode, String reason, boolean requireApproval)
            implements WebhookDecision {
    }
}
