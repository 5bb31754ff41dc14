package io.kafkadr.local;

import io.kafkadr.local.process.RunningProcess;
import java.util.List;
import java.util.Map;

/**
 * What runs: which Temporal server, the endpoints, every live process with its memory, and on a
 * secure stack the cluster security a pair gives to reach it (references and paths, no secret).
 * Written to {@code .local/stack.json} for drctl and tools.
 */
public record StackStatus(String temporalServer, Map<String, String> endpoints, List<RunningProcess> processes,
                          List<String> infrastructure, Map<String, Object> security) {

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
