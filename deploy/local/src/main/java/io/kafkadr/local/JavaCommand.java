package io.kafkadr.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for the stack's JVMs. Small heaps, serial GC and C1 only: a laptop-sized stack
 * of seven JVMs must stay under 4 GiB resident and start fast; throughput is not the point.
 */
final class JavaCommand {

    private JavaCommand() {
    }

    static List<String> of(String marker, String heap, String classpath, Path log4jConfig, String mainClass,
                           List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-D" + marker);
        cmd.add("-Xms32m");
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:ReservedCodeCacheSize=64m");
        cmd.add("-Xss512k");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-Djava.net.preferIPv4Stack=true");
        if (log4jConfig != null) {
            cmd.add("-Dlog4j2.configurationFile=" + log4jConfig);
        }
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }
}
