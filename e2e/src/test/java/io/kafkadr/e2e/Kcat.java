package io.kafkadr.e2e;

import java.util.List;

/** Counts records the way an operator would check them by hand: kcat reading a partition to its end. */
final class Kcat {

    private Kcat() {
    }

    static long count(String bootstrap, String topic, int partition) {
        DrctlProcess.Result r = DrctlProcess.exec(List.of("bash", "-c",
                "set -o pipefail; kcat -b " + bootstrap + " -C -t " + topic + " -p " + partition
                        + " -o beginning -e -q -f '%o\\n' | wc -l"), 2);
        if (r.exitCode() != 0) {
            throw new AssertionError("kcat failed (is the Debian package kcat installed?): " + r);
        }
        return Long.parseLong(r.stdout().trim());
    }

    /** Every record key of {@code topic} (all partitions, from the beginning to the end), as kcat prints them. */
    static List<String> keys(String bootstrap, String topic) {
        DrctlProcess.Result r = DrctlProcess.exec(List.of("bash", "-c",
                "set -o pipefail; kcat -b " + bootstrap + " -C -t " + topic + " -o beginning -e -q -f '%k\\n'"), 2);
        if (r.exitCode() != 0) {
            throw new AssertionError("kcat failed (is the Debian package kcat installed?): " + r);
        }
        return r.stdout().lines().filter(l -> !l.isBlank()).toList();
    }
}
