package io.kafkadr.activities.failback;

import io.kafkadr.activities.kafka.RecordContent;
import java.util.HashMap;
import java.util.Map;

/**
 * Which records of a source range the target holds, when all that tells a copy is its content
 * (copies without origin: provenance off, or copied before it was on). Records repeat (retried
 * sends, event-time timestamps, replays), so content is counted by occurrence, a multiset, never
 * asked as "is there one like it":
 * <ol>
 * <li>every record in the target's window counts one occurrence of its content ({@link #onTarget});</li>
 * <li>every source record just before the range (as many as the window holds) takes one out
 * ({@link #copiedBefore}): its copy may lie in the window, and is no copy of a record of the range;</li>
 * <li>then each record of the range, in order, takes one occurrence of its content ({@link #take});
 * the first that finds none is the first absent (MM2 copies a partition in order).</li>
 * </ol>
 * Where step 2 takes out an occurrence whose copy lies outside the window, fewer records of the
 * range count as copied: they are salvaged although copied, twice kept, never lost. Identical
 * records written to the target directly count as copies: content cannot tell them apart.
 */
final class CopiesByContent {

    private final Map<RecordContent, Integer> available = new HashMap<>();

    /** A record of the target's window. */
    void onTarget(RecordContent content) {
        available.merge(content, 1, Integer::sum);
    }

    /** A source record before the range: MM2 copied it, its copy may be one of the window's. */
    void copiedBefore(RecordContent content) {
        available.computeIfPresent(content, (k, n) -> n > 1 ? n - 1 : null);
    }

    /** Whether the next record of the range, with {@code content}, has a copy left on the target; takes it. */
    boolean take(RecordContent content) {
        Integer n = available.get(content);
        if (n == null) {
            return false;
        }
        copiedBefore(content);
        return true;
    }
}
