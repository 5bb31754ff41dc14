package io.kafkadr.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts stack processes detached from the terminal (own session, so Ctrl-C on drctl does not
 * take the stack down) and finds them again by a marker in their command line. The marker
 * holds the stack's folder, so a reused pid or a second checkout's stack is never mistaken
 * for ours.
 */
public class ProcessSupervisor {

    private final Path runDir;
    private final String stackId;
    private final java.util.Map<String, String> markers = new java.util.concurrent.ConcurrentHashMap<>();

    public ProcessSupervisor(Path runDir, String stackId) {
        this.runDir = runDir;
        this.stackId = stackId;
    }

    /** Marker to put in the command line of component {@code name}. */
    public String marker(String name) {
        return markers.getOrDefault(name, "kafkadr.component=" + name + "@" + stackId);
    }

    /** For programs that take no -D flag: a string unique to this stack in their command line. */
    public void useMarker(String name, String marker) {
        markers.put(name, marker);
    }

    public long start(String name, String side, List<String> command, Path log) {
        try {
            Files.createDirectories(runDir);
            Files.createDirectories(log.getParent());
            List<String> detached = new ArrayList<>();
            detached.add("setsid");
            detached.addAll(command);
            new ProcessBuilder(detached)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .redirectInput(Redirect.from(new java.io.File("/dev/null")))
                    .start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<Long> pid = find(name);
                if (pid.isPresent()) {
                    Files.writeString(runDir.resolve(name + ".side"), side);
                    return pid.get();
                }
                sleep(50);
            }
            throw new IllegalStateException(name + " exited right after start; see " + log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public Optional<Long> find(String name) {
        return findMarked(marker(name));
    }

    /** The (oldest) process whose command line holds {@code marker}. */
    public Optional<Long> findMarked(String marker) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> cmdline(p).contains(marker))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .min(Long::compare);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public List<RunningProcess> running(List<String> names) {
        List<RunningProcess> result = new ArrayList<>();
        for (String name : names) {
            find(name).ifPresent(pid -> result.add(new RunningProcess(name, side(name), pid, rssKib(pid))));
        }
        return result;
    }

    public String side(String name) {
        try {
            return Files.readString(runDir.resolve(name + ".side")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}. Returns whether the process was running. */
    public boolean stop(String name, Duration grace) {
        Optional<ProcessHandle> handle = find(name).flatMap(ProcessHandle::of);
        if (handle.isEmpty()) {
            return false;
        }
        handle.get().destroy();
        try {
            handle.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.get().destroyForcibly();
            awaitExit(handle.get());
        }
        return true;
    }

    /** SIGKILL: what a regional outage does to a process. */
    public boolean kill(String name) {
        Optional<ProcessHandle> handle = find(name).flatMap(ProcessHandle::of);
        handle.ifPresent(h -> {
            h.destroyForcibly();
            awaitExit(h);
        });
        return handle.isPresent();
    }

    private static void awaitExit(ProcessHandle h) {
        try {
            h.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // reported by the caller's next status
        }
    }

    public static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // process gone
        }
        return 0;
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
