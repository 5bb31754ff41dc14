package io.kafkadr.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ports of the local stack on 127.0.0.1. Override any of them with
 * {@code KAFKADR_PORTS="kafka-primary=19192,connect-secondary-1=8183"} (then point the pair
 * config at the new ports).
 */
public record LocalPorts(Map<String, Integer> ports) {

    static final Map<String, Integer> DEFAULTS = defaults();

    private static Map<String, Integer> defaults() {
        Map<String, Integer> d = new LinkedHashMap<>();
        d.put("temporal", 7233);
        d.put("temporal-ui", 8233);
        d.put("kafka-primary", 19092);
        d.put("kafka-primary-controller", 19093);
        d.put("kafka-secondary", 29092);
        d.put("kafka-secondary-controller", 29093);
        d.put("connect-secondary-1", 8083);
        d.put("connect-secondary-2", 8085);
        d.put("connect-primary-1", 8084);
        // the worker's /metrics (drctl worker --metrics-port; its default)
        d.put("worker-metrics", 9464);
        return Map.copyOf(d);
    }

    public static LocalPorts fromEnvironment(String override) {
        Map<String, Integer> ports = new LinkedHashMap<>(DEFAULTS);
        if (override != null && !override.isBlank()) {
            for (String entry : override.split(",")) {
                String[] kv = entry.trim().split("=");
                if (kv.length != 2 || !DEFAULTS.containsKey(kv[0].trim())) {
                    throw new IllegalArgumentException("KAFKADR_PORTS entry '" + entry + "' is not name=port with a name of "
                            + DEFAULTS.keySet());
                }
                try {
                    ports.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("KAFKADR_PORTS entry '" + entry + "': port is not a number");
                }
            }
        }
        return new LocalPorts(Map.copyOf(ports));
    }

    public int get(String name) {
        return ports.get(name);
    }
}
