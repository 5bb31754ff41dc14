package io.kafkadr.workflows.pair;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * Where a consumer group resumes on the new cluster in a partition it never committed on the old
 * one: where its client would have started on the old cluster at its stop, as its
 * {@code auto.offset.reset} says. kcat, librdkafka and Kafka's Java consumer default to
 * {@code latest}: the copy of the old cluster's end at the stop, so whatever is written (and
 * copied) after the stop is read on the new cluster. {@code earliest}: the first copy on the new
 * cluster. Either way the hand-over commits the position on the new cluster, so the client's own
 * {@code auto.offset.reset} no longer decides there (with {@code latest} it would skip what MM2
 * copied meanwhile).
 */
public enum UncommittedStart {
    LATEST,
    EARLIEST;

    public static final UncommittedStart DEFAULT = LATEST;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    /** Lowercase names; anything else fails naming the choices. */
    @JsonCreator
    public static UncommittedStart of(String value) {
        return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("one of " + choices() + " (got '" + value + "')"));
    }

    public static List<String> choices() {
        return Arrays.stream(values()).map(UncommittedStart::value).toList();
    }
}
