package io.kafkadr.local.process;

/**
 * A process of the local stack.
 *
 * @param name    component name, e.g. {@code kafka-primary}
 * @param side    {@code primary}, {@code secondary} or {@code control} (Temporal, worker)
 * @param pid     operating-system process id
 * @param rssKib  resident memory, KiB
 */
public record RunningProcess(String name, String side, long pid, long rssKib) {
}
