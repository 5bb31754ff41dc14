package io.kafkadr.local.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FarmApiTest {

    /** A group without Kafka: remembers where it was told to run. */
    static final class FakeGroup implements FarmApi.Group {
        final String name;
        String cluster;
        boolean stopsInTime = true;

        FakeGroup(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start(String cluster, String bootstrapServers) {
            this.cluster = cluster;
        }

        @Override
        public boolean stop() {
            if (stopsInTime) {
                cluster = null;
            }
            return stopsInTime;
        }

        @Override
        public Map<String, Object> status() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("group", name);
            s.put("cluster", cluster);
            s.put("committedSinceStart", cluster != null);
            s.put("consumed", 5L);
            return s;
        }
    }

    private final FakeGroup g0 = new FakeGroup("g0");
    private final FakeGroup g1 = new FakeGroup("g1");
    private final FarmApi api = new FarmApi(Map.of("g0", g0, "g1", g1));

    @Test
    void startThenStatusReportsTheCluster() {
        FarmApi.Response r = api.handle("POST", "/groups/g0/control",
                "{\"action\":\"start\",\"cluster\":\"secondary\",\"bootstrapServers\":\"127.0.0.1:29092\"}");
        assertEquals(200, r.code());
        assertEquals("secondary", g0.cluster);
        assertEquals("secondary", ((Map<?, ?>) api.handle("GET", "/groups/g0/status", "").body()).get("cluster"));
    }

    @Test
    void stopClearsTheClusterAndAGroupThatDoesNotStopIsRetryable() {
        g0.cluster = "primary";
        assertEquals(200, api.handle("POST", "/groups/g0/control", "{\"action\":\"stop\"}").code());
        assertNull(g0.cluster);
        g1.cluster = "primary";
        g1.stopsInTime = false;
        assertEquals(503, api.handle("POST", "/groups/g1/control", "{\"action\":\"stop\"}").code());
    }

    @Test
    void badRequestsAreClientErrors() {
        assertEquals(400, api.handle("POST", "/groups/g0/control", "{\"action\":\"start\",\"cluster\":\"primary\"}").code());
        assertEquals(400, api.handle("POST", "/groups/g0/control", "{\"action\":\"pause\"}").code());
        assertEquals(400, api.handle("POST", "/groups/g0/control", "not json").code());
        assertEquals(404, api.handle("GET", "/groups/nope/status", "").code());
        assertEquals(404, api.handle("GET", "/groups/g0/else", "").code());
        assertEquals(405, api.handle("GET", "/groups/g0/control", "").code());
        assertNull(g0.cluster);
    }

    @Test
    void farmStatusCountsGroupsPerCluster() {
        g0.cluster = "primary";
        Map<?, ?> s = (Map<?, ?>) api.handle("GET", "/status", "").body();
        assertEquals(2, s.get("groups"));
        assertEquals(Map.of("primary", 1), s.get("running"));
        assertEquals(1, s.get("stopped"));
        assertEquals(1, s.get("committedSinceStart"));
        assertEquals(10L, s.get("consumed"));
        assertTrue(s.containsKey("running"));
        assertFalse(s.containsKey("error"));
    }
}
