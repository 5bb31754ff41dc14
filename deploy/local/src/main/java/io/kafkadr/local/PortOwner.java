package io.kafkadr.local;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Who listens on a port, for the error message when the stack cannot take it. */
final class PortOwner {

    private static final Pattern USER = Pattern.compile("users:\\(\\(\"([^\"]+)\",pid=(\\d+)");

    private PortOwner() {
    }

    static String describe(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes());
            ss.waitFor(5, TimeUnit.SECONDS);
            Matcher m = USER.matcher(out);
            if (m.find()) {
                return "'" + m.group(1) + "' (pid " + m.group(2) + ")";
            }
        } catch (Exception e) {
            // ss missing: fall through
        }
        return "another process";
    }
}
