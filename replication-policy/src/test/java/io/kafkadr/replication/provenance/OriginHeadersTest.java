package io.kafkadr.replication.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class OriginHeadersTest {

    private final OriginHeaders<SourceRecord> transform = new OriginHeaders<>(topic -> "id-of-" + topic);

    private static SourceRecord copy(String cluster, String topic, int partition, long offset, Iterable<Header> headers) {
        return new SourceRecord(Map.of("cluster", cluster, "topic", topic, "partition", partition), Map.of("offset", offset),
                topic, partition, Schema.OPTIONAL_BYTES_SCHEMA, new byte[] {1}, Schema.OPTIONAL_BYTES_SCHEMA,
                new byte[] {2}, 42L, copyOf(headers));
    }

    private static ConnectHeaders copyOf(Iterable<Header> headers) {
        ConnectHeaders c = new ConnectHeaders();
        headers.forEach(c::add);
        return c;
    }

    private static Optional<Origin> origin(SourceRecord r) {
        return Origin.from(key -> {
            Header h = r.headers().lastWithName(key);
            return h == null ? null : (byte[]) h.value();
        });
    }

    @Test
    void stampsWhereMm2CopiedTheRecordFrom() {
        SourceRecord out = transform.apply(copy("primary", "orders", 2, 4150L, new ConnectHeaders()));
        assertEquals(Optional.of(new Origin("primary", "orders", "id-of-orders", 2, 4150L)), origin(out));
    }

    @Test
    void keepsTheRecordsOwnHeadersAndReplacesAnEarlierHop() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addBytes("dr.id", "p1-7".getBytes());
        SourceRecord first = transform.apply(copy("primary", "orders", 0, 7L, headers));
        // copied back: the record now carries the earlier hop's origin; the new hop replaces it
        SourceRecord back = transform.apply(copy("secondary", "orders", 0, 99L, first.headers()));
        assertEquals(Optional.of(new Origin("secondary", "orders", "id-of-orders", 0, 99L)), origin(back));
        assertEquals(1, countNamed(back, Origin.OFFSET));
        assertEquals("p1-7", new String((byte[]) back.headers().lastWithName("dr.id").value()));
    }

    @Test
    void leavesRecordsThatAreNotMm2CopiesAlone() {
        SourceRecord heartbeat = new SourceRecord(Map.of("sourceClusterAlias", "primary"), Map.of("offset", 0L),
                "heartbeats", 0, Schema.BYTES_SCHEMA, new byte[0], Schema.BYTES_SCHEMA, new byte[0]);
        assertSame(heartbeat, transform.apply(heartbeat));
        assertFalse(origin(heartbeat).isPresent());
    }

    @Test
    void needsTheSourceClusterToReadTopicIds() {
        ConfigException e = assertThrows(ConfigException.class, () -> new OriginHeaders<SourceRecord>().configure(Map.of()));
        assertEquals(true, e.getMessage().contains("source.bootstrap.servers"));
    }

    @Test
    void anOriginOfAnotherIncarnationIsNotFromThisTopic() {
        Origin o = new Origin("primary", "orders", "A", 0, 5);
        assertEquals(true, o.isFrom("primary", "orders", "A", 0));
        assertEquals(false, o.isFrom("primary", "orders", "B", 0));
        assertEquals(false, o.isFrom("secondary", "orders", "A", 0));
        assertEquals(false, o.isFrom("primary", "orders", "A", 1));
    }

    private static int countNamed(SourceRecord r, String key) {
        int n = 0;
        for (Header h : r.headers()) {
            n += h.key().equals(key) ? 1 : 0;
        }
        return n;
    }
}
