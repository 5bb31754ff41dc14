package io.kafkadr.operations.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Chromium without a screen, as a test runs it: load a file, dump its DOM or take a screenshot,
 * and collect what the page wrote to its console (Chromium logs it to stderr as
 * {@code INFO:CONSOLE...] "message", source: ...}: script errors, blocked loads).
 */
final class HeadlessChromium {

    static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    /** What Chromium made of a page. */
    record Load(String dom, List<String> console) {
    }

    private final Path binary;
    private final Path profile;

    HeadlessChromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    /** The first of {@link #NAMES} on the PATH. */
    static Optional<Path> find() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .flatMap(dir -> NAMES.stream().map(n -> Path.of(dir, n)))
                .filter(Files::isExecutable).findFirst();
    }

    Load dumpDom(Path page) throws IOException, InterruptedException {
        Run run = run(List.of("--dump-dom", page.toUri().toString()));
        return new Load(run.stdout, run.stderr.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList());
    }

    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(),
                page.toUri().toString()));
        if (!Files.isRegularFile(png)) {
            throw new IOException("Chromium wrote no screenshot " + png);
        }
    }

    private record Run(String stdout, String stderr) {
    }

    private Run run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        command.addAll(args);
        Path out = Files.createTempFile("chromium", ".out");
        Path err = Files.createTempFile("chromium", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("Chromium did not finish within 120 s: " + command);
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("Chromium exited with " + p.exitValue() + ": " + command + "\n" + stderr);
            }
            return new Run(Files.readString(out, StandardCharsets.UTF_8), stderr);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
