package dev.gatehouse.erpsync.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.CapturedLogs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/** The importer with real child processes on this machine. */
class ImporterIT {

    @TempDir Path dir;

    private final Importer importer = new Importer(Duration.ofSeconds(2));

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void aProgramThatExitsZeroSucceedsWithItsArgumentAndOutputLogged() throws Exception {
        Path p = script("ok.sh", "echo \"importing $1 in $(pwd)\"; exit 0");
        List<String> lines;
        Importer.Result r;
        try (CapturedLogs logs = CapturedLogs.start()) {
            r = importer.run(p, "COPDAT", dir.resolve("downloads"), Duration.ofSeconds(10), "co_x");
            lines = logs.events();
        }
        assertThat(r).isInstanceOf(Importer.Exited.class);
        assertThat(((Importer.Exited) r).code()).isZero();
        assertThat(lines)
                .anyMatch(l -> l.contains("importing COPDAT in " + dir.resolve("downloads")));
    }

    @Test
    void aProgramThatExitsThreeFailsWithItsCodeAndItsStderrKept() throws Exception {
        Path p =
                script(
                        "fail.sh",
                        "echo 'Factura F-1 sin proveedor' >&2; echo 'second line' >&2; exit 3");
        Importer.Result r = importer.run(p, "", dir, Duration.ofSeconds(10), "co_x");
        assertThat(r)
                .isEqualTo(
                        new Importer.Exited(
                                3, r.took(), List.of("Factura F-1 sin proveedor", "second line")));
    }

    @Test
    void aProgramThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path p =
                script(
                        "stubborn.sh",
                        "trap '' TERM; echo $$ > " + pidFile + "; while true; do sleep 0.2; done");
        List<String> lines;
        Importer.Result r;
        try (CapturedLogs logs = CapturedLogs.start()) {
            r = importer.run(p, "", dir, Duration.ofSeconds(1), "co_hung");
            lines = logs.events();
        }
        assertThat(r).isInstanceOf(Importer.TimedOut.class);
        assertThat(r.took()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(lines)
                .anyMatch(
                        l ->
                                l.contains(
                                        "[TIMEOUT] step=startChildProcess tenant=co_hung pid="
                                                + pid
                                                + " durationMs=1000 action=SIGTERM"));
        assertThat(lines).anyMatch(l -> l.contains("action=destroyForcibly"));
    }

    @Test
    void aGrandchildOfAHungImporterDiesWithIt() throws Exception {
        Path child = dir.resolve("grandchild.pid");
        Path p =
                script(
                        "spawner.sh",
                        "trap '' TERM; bash -c 'trap \"\" TERM; echo $$ > "
                                + child
                                + "; while true; do sleep 0.2; done' & wait");
        Importer.Result r = importer.run(p, "", dir, Duration.ofSeconds(1), "co_tree");
        assertThat(r).isInstanceOf(Importer.TimedOut.class);
        long grandchild = Long.parseLong(Files.readString(child).strip());
        assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(((Importer.TimedOut) r).killed()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aProgramThatStopsOnSigtermIsNotKilled() throws Exception {
        Path p = script("polite.sh", "trap 'exit 0' TERM; while true; do sleep 0.2; done");
        Importer.Result r = importer.run(p, "", dir, Duration.ofSeconds(1), "co_x");
        assertThat(r).isInstanceOf(Importer.TimedOut.class);
        assertThat(((Importer.TimedOut) r).killed()).isZero();
        assertThat(r.took()).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aMissingProgramDoesNotStart() {
        Importer.Result r =
                importer.run(dir.resolve("missing.exe"), "", dir, Duration.ofSeconds(1), "co_x");
        assertThat(r).isInstanceOf(Importer.NotStarted.class);
    }
}
