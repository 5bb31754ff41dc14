package io.kafkadr.local;

import io.kafkadr.local.process.RunningProcess;
import java.util.List;
import java.util.Map;

/**
 * What runs: which Temporal server, the endpoints, and every live process with its memory.
 * Written to {@code .local/stack.json} for drctl and tools.
 */
public record StackStatus(String temporalServer, Map<String, String> endpoints, List<RunningProcess> processes,
                          List<String> infrastructure) {

    public long totalRssKib() {
        return processes.stream().mapToLong(RunningProcess::rssKib).sum();
    }

    public List<String> missing() {
        return infrastructure.stream().filter(n -> processes.stream().noneMatch(p -> p.name().equals(n))).toList();
    }

    public boolean healthy() {
        return missing().isEmpty();
    }
}
