package io.kafkadr.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The commands of a README block marked {@code <!-- e2e: <test> ... -->}, so that the test runs what the README says. */
final class ReadmeBlock {

    private ReadmeBlock() {
    }

    /** The block's lines (blank ones left out), in order. */
    static List<String> lines(String test) throws IOException {
        List<String> readme = Files.readAllLines(DrctlProcess.ROOT.resolve("README.md"));
        int marker = -1;
        for (int i = 0; i < readme.size(); i++) {
            if (readme.get(i).startsWith("<!-- e2e: " + test)) {
                marker = i;
            }
        }
        if (marker < 0 || !readme.get(marker + 1).startsWith("```")) {
            throw new AssertionError("README.md has no block marked <!-- e2e: " + test + " -->");
        }
        List<String> lines = new ArrayList<>();
        for (int i = marker + 2; !readme.get(i).startsWith("```"); i++) {
            if (!readme.get(i).isBlank()) {
                lines.add(readme.get(i));
            }
        }
        return lines;
    }

    /** {@code line} run by bash in the checkout, after {@code prelude} (e.g. variable assignments). */
    static DrctlProcess.Result bash(String prelude, String line) {
        return bash(prelude, line, 2);
    }

    /** The same, for a line that may take up to {@code timeoutMinutes} (a benchmark). */
    static DrctlProcess.Result bash(String prelude, String line, int timeoutMinutes) {
        return DrctlProcess.exec(List.of("bash", "-c", (prelude == null ? "" : prelude + "\n") + line), timeoutMinutes);
    }
}
