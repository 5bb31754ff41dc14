package io.kafkadr.local.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one Kafka tool ledger ({@link KafkaToolRunner}), each with the cluster and run
 * of the {@code kafkadr_run} line before it. Lines that are not JSON objects (a log line that
 * strayed onto stdout) are skipped; so is a last line cut short by a kill -9.
 */
public final class ToolEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: the tool's own JSON, and where it ran. */
    public record Event(String cluster, long run, JsonNode json) {
        public String topic() {
            return json.path("topic").asText("");
        }

        public String value() {
            return json.path("value").asText(null);
        }

        public String position() {
            return cluster + ":" + json.path("topic").asText() + "-" + json.path("partition").asInt() + "@"
                    + json.path("offset").asLong();
        }

        public String name() {
            return json.path("name").asText(json.has("shutdown_complete") ? "shutdown_complete"
                    : json.has("progress") ? "progress" : "");
        }
    }

    private ToolEvents() {
    }

    public static List<Event> read(Path ledger) {
        if (!Files.exists(ledger)) {
            return List.of();
        }
        try {
            return parse(Files.readAllLines(ledger, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger " + ledger, e);
        }
    }

    /** The {@code kafkadr_run} lines of a ledger: cluster, run number and the tool's arguments. */
    public static List<JsonNode> runs(Path ledger) {
        List<JsonNode> runs = new ArrayList<>();
        if (!Files.exists(ledger)) {
            return runs;
        }
        try {
            for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
                if (line.contains("\"kafkadr_run\"")) {
                    try {
                        runs.add(JSON.readTree(line));
                    } catch (IOException e) {
                        // a line cut short
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger " + ledger, e);
        }
        return runs;
    }

    /** The value following {@code option} in a run line's tool arguments, or null. */
    public static String argument(JsonNode run, String option) {
        JsonNode args = run.path("args");
        for (int i = 0; i + 1 < args.size(); i++) {
            if (option.equals(args.get(i).asText())) {
                return args.get(i + 1).asText();
            }
        }
        return null;
    }

    public static List<Event> parse(List<String> lines) {
        List<Event> events = new ArrayList<>();
        String cluster = "unknown";
        long run = 0;
        for (String line : lines) {
            String l = line.trim();
            if (!l.startsWith("{") || !l.endsWith("}")) {
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(l);
            } catch (IOException e) {
                continue;
            }
            if ("kafkadr_run".equals(json.path("name").asText())) {
                cluster = json.path("cluster").asText("unknown");
                run = json.path("run").asLong(run + 1);
                continue;
            }
            events.add(new Event(cluster, run, json));
        }
        return events;
    }
}
