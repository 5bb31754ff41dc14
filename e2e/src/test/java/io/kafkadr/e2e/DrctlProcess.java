package io.kafkadr.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./drctl} launcher of this checkout, as an operator would. */
final class DrctlProcess {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private DrctlProcess() {
    }

    /** {@code drctl pair register file}: the local stack's worker serves the pair from now on. */
    static Path register(Path file) {
        Result registered = run("pair", "register", file.toString());
        if (registered.exitCode() != 0) {
            throw new AssertionError("drctl pair register " + file + " failed: " + registered);
        }
        return file;
    }

    static Result run(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("drctl").toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, 10);
    }

    /** {@code ./drctl args} in the background, output to files; the build is not redone. */
    static Process start(java.io.File stdout, java.io.File stderr, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("drctl").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
                .redirectOutput(stdout).redirectError(ProcessBuilder.Redirect.appendTo(stderr));
        pb.environment().put("DRCTL_NO_BUILD", "1");
        return pb.start();
    }

    static Result exec(List<String> cmd, int timeoutMinutes) {
        try {
            Path out = Files.createTempFile("drctl", ".out");
            Path err = Files.createTempFile("drctl", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            // the reactor build has just packaged every module: no rebuild from inside the tests
            pb.environment().put("DRCTL_NO_BUILD", "1");
            Process p = pb.start();
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " did not finish within " + timeoutMinutes + " min; stderr:\n"
                        + Files.readString(err));
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            System.err.println("$ " + String.join(" ", cmd) + " -> exit " + r.exitCode());
            System.err.println(r.stderr());
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
