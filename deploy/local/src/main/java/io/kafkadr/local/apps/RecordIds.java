package io.kafkadr.local.apps;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Headers the sample producer stamps on every record so loss and duplicates can be counted. */
public final class RecordIds {

    /** Unique id of a record: {@code <producer>-<sequence>}. */
    public static final String ID = "dr.id";
    /** Per-producer sequence number, continuous across restarts and clusters. */
    public static final String SEQUENCE = "dr.seq";
    public static final String PRODUCER = "dr.producer";

    private RecordIds() {
    }

    public static String id(String producer, long sequence) {
        return producer + "-" + sequence;
    }

    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
