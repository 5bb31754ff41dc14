package io.kafkadr.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads records the way an operator would check them by hand: kcat from the beginning of a
 * topic (or one partition) to its end.
 *
 * <p>"Its end" is the moment of the call: kcat's {@code -e} alone never exits while a producer
 * keeps writing (librdkafka signals a partition's end only when a fetch finds nothing new; under
 * 100 records/s one read in three never ended), so each read also stops at the first record
 * stamped at or after the call ({@code -o e@<now>}). Every record appended before the call is
 * read: a record's create time is never later than its append.
 */
final class Kcat {

    private Kcat() {
    }

    static long count(String bootstrap, String topic, int partition) {
        return read(bootstrap, topic, partition, "%o").size();
    }

    /** Every record key of {@code topic} (all partitions, from the beginning to the end), as kcat prints them. */
    static List<String> keys(String bootstrap, String topic) {
        return read(bootstrap, topic, null, "%k").stream().filter(l -> !l.isBlank()).toList();
    }

    /** Every record value of {@code topic} (all partitions), as kcat prints them. */
    static List<String> values(String bootstrap, String topic) {
        return read(bootstrap, topic, null, "%s");
    }

    /** One line per record, formatted by kcat's {@code -f}; {@code partition} null for all. */
    private static List<String> read(String bootstrap, String topic, Integer partition, String format) {
        List<String> cmd = new ArrayList<>(List.of("kcat", "-b", bootstrap, "-C", "-t", topic));
        if (partition != null) {
            cmd.addAll(List.of("-p", partition.toString()));
        }
        cmd.addAll(List.of("-o", "beginning", "-o", "e@" + System.currentTimeMillis(), "-e", "-q", "-f", format + "\\n"));
        return kcat(cmd, 2).stdout().lines().toList();
    }

    /** Runs kcat ({@code cmd} starts with it); a failure is the test's. */
    private static DrctlProcess.Result kcat(List<String> cmd, int timeoutMinutes) {
        DrctlProcess.Result r = DrctlProcess.exec(cmd, timeoutMinutes);
        if (r.exitCode() != 0) {
            throw new AssertionError("kcat failed (is the Debian package kcat installed?): " + r);
        }
        return r;
    }

    /** The end offset (high watermark) of one partition, as {@code kcat -Q -t topic:partition:-1} lists it. */
    static long endOffset(String bootstrap, String topic, int partition) {
        DrctlProcess.Result r = kcat(List.of("kcat", "-b", bootstrap, "-Q", "-t", topic + ":" + partition + ":-1"), 1);
        // "topic [partition] offset N"
        String line = r.stdout().lines().filter(l -> l.startsWith(topic + " [" + partition + "]")).findFirst()
                .orElseThrow(() -> new AssertionError("kcat -Q listed no offset of " + topic + "-" + partition + ": " + r));
        return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).trim());
    }

    /**
     * The headers of the last record of one partition ({@code kcat -o -1 -e}, {@code %h}: name=value
     * pairs separated by commas), empty when the partition holds no record. For a partition nobody
     * writes to while it is read (the end is then the moment of the call too).
     */
    static String lastHeaders(String bootstrap, String topic, int partition) {
        return kcat(List.of("kcat", "-b", bootstrap, "-C", "-t", topic, "-p", Integer.toString(partition), "-o", "-1",
                "-e", "-q", "-f", "%h\\n"), 1).stdout().strip();
    }
}
