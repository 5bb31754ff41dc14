package io.kafkadr.local.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one of Kafka's own test clients ({@code org.apache.kafka.tools.VerifiableProducer},
 * {@code VerifiableConsumer}, {@code TransactionalMessageCopier}) as an app of the local stack,
 * unchanged, with its stdout (one JSON event per line) appended to a ledger under
 * {@code .local/ledgers/}. Before the tool starts, one line of our own is appended:
 * <pre>{"name":"kafkadr_run","tool":"...","cluster":"primary","run":3,"timestamp":...,"args":[...]}</pre>
 * so that every event that follows can be attributed to the cluster the tool ran against (a
 * ledger spans restarts and failovers; {@link ToolAudit} reads it).
 *
 * <p>Usage: {@code KafkaToolRunner --ledger FILE --cluster ALIAS [--label K=V]... [--repeat] -- TOOL-CLASS ARGS...}
 * (labels are added to the {@code kafkadr_run} line, e.g. {@code isolation=read_committed}).
 * Without {@code --repeat} the tool runs in this JVM (one process per app, so kill -9 is a
 * crash of the tool itself). With {@code --repeat} (for TransactionalMessageCopier, which exits
 * once it has copied what its input held at its start) the tool runs as a child JVM, restarted a
 * second after each exit, each run with its own {@code kafkadr_run} line; SIGTERM stops the child
 * gracefully first.
 */
public final class KafkaToolRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaToolRunner() {
    }

    public static void main(String[] args) throws Exception {
        int dashes = Arrays.asList(args).indexOf("--");
        if (dashes < 0 || dashes + 1 >= args.length) {
            System.err.println("usage: KafkaToolRunner --ledger FILE --cluster ALIAS [--repeat] -- TOOL-CLASS ARGS...");
            System.exit(2);
        }
        Path ledger = null;
        String cluster = "unknown";
        boolean repeat = false;
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < dashes; i++) {
            switch (args[i]) {
                case "--ledger" -> ledger = Path.of(args[++i]);
                case "--cluster" -> cluster = args[++i];
                case "--repeat" -> repeat = true;
                case "--label" -> {
                    String[] kv = args[++i].split("=", 2);
                    labels.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (ledger == null) {
            throw new IllegalArgumentException("--ledger is required");
        }
        String tool = args[dashes + 1];
        String[] toolArgs = Arrays.copyOfRange(args, dashes + 2, args.length);
        Files.createDirectories(ledger.toAbsolutePath().getParent());
        if (repeat) {
            runRepeatedly(ledger, cluster, labels, tool, toolArgs);
        } else {
            runInProcess(ledger, cluster, labels, tool, toolArgs);
        }
    }

    private static void runInProcess(Path ledger, String cluster, Map<String, String> labels, String tool, String[] toolArgs) throws Exception {
        // Logging binds its console appender to the real stdout (the app's log) before stdout is
        // pointed at the ledger, so no log line lands among the tool's events.
        org.slf4j.LoggerFactory.getLogger(KafkaToolRunner.class).info("starting {} against {}", tool, cluster);
        appendRunLine(ledger, tool, cluster, labels, toolArgs);
        PrintStream events = new PrintStream(new FileOutputStream(ledger.toFile(), true), true, StandardCharsets.UTF_8);
        System.setOut(events);
        Class.forName(tool).getMethod("main", String[].class).invoke(null, (Object) toolArgs);
    }

    private static void runRepeatedly(Path ledger, String cluster, Map<String, String> labels, String tool, String[] toolArgs) throws Exception {
        AtomicReference<Process> child = new AtomicReference<>();
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            main.interrupt();
            Process p = child.get();
            if (p != null && p.isAlive()) {
                p.destroy(); // SIGTERM: the tool's own shutdown hook prints its last event
                try {
                    if (!p.waitFor(15, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }
        }));
        while (!Thread.currentThread().isInterrupted()) {
            appendRunLine(ledger, tool, cluster, labels, toolArgs);
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of("-Xms16m", "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.net.preferIPv4Stack=true", "-cp", System.getProperty("java.class.path"), tool));
            cmd.addAll(Arrays.asList(toolArgs));
            Process p = new ProcessBuilder(cmd).redirectOutput(Redirect.appendTo(ledger.toFile()))
                    .redirectError(Redirect.INHERIT).redirectInput(Redirect.from(new File("/dev/null"))).start();
            child.set(p);
            try {
                p.waitFor();
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The number of {@code kafkadr_run} lines already in {@code ledger}, plus one. */
    static long nextRun(Path ledger) {
        if (!Files.exists(ledger)) {
            return 1;
        }
        try (var lines = Files.lines(ledger, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("\"kafkadr_run\"")).count() + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendRunLine(Path ledger, String tool, String cluster, Map<String, String> labels,
                                      String[] toolArgs) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("name", "kafkadr_run");
        line.put("tool", tool.substring(tool.lastIndexOf('.') + 1));
        line.put("cluster", cluster);
        line.put("run", nextRun(ledger));
        line.put("timestamp", System.currentTimeMillis());
        line.putAll(labels);
        line.put("args", List.of(toolArgs));
        Files.writeString(ledger, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
