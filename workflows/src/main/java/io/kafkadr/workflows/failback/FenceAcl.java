package io.kafkadr.workflows.failback;

/**
 * One ACL of a write fence: {@code DENY WRITE} on a topic (literal name, any host) for one
 * principal. Kafka's authorizer lets a DENY win over every ALLOW, so the principal cannot write
 * there while the ACL exists, across the topic's deletion and recreation (ACLs name resources,
 * not topic ids).
 */
public record FenceAcl(String topic, String principal) {

    /** As the report and {@code drctl status} show it. */
    public String describe() {
        return "DENY WRITE on topic " + topic + " to " + principal;
    }
}
