package io.kafkadr.replication.provenance;

/** The id of a topic on the source cluster (Kafka's base64 form); a recreated topic gets a new one. */
@FunctionalInterface
public interface TopicIds {

    /** The current id of {@code topic}; throws when it cannot be known. */
    String idOf(String topic);
}
