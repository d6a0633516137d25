package dev.gatehouse.dist;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The machine's own systemd ({@code /lib/systemd/systemd}) running as PID 1 of new PID, mount,
 * cgroup, UTS and IPC namespaces, the way a container runs it, so that a unit is started, stopped
 * and restarted by the real service manager on a machine whose PID 1 is something else.
 *
 * <p>Design note: the namespaces share the machine's network (the service reaches a PostgreSQL on
 * loopback and the test reaches its {@code /healthz}) and its files, so nothing in them may write
 * to the machine: {@code /run} and {@code /tmp} are new tmpfs mounts, {@code /etc}, {@code /var}
 * and {@code /opt} are overlays whose changes land in the scratch folder (install steps such as
 * {@code useradd} and the service's own folders stay there), and systemd loads units from the
 * scratch folder only ({@code SYSTEMD_UNIT_PATH}): a handful of empty stand-in targets, a journald,
 * and what the test puts there. Never the machine's unit folders: their {@code sysinit.target}
 * wants {@code systemd-tmpfiles-setup}, which empties the machine's {@code /tmp}, and udev. The
 * manager's own messages go to the journal, and before journald runs to {@code console} in the
 * scratch folder, bound over {@code /dev/console}. Needs root, as systemd as PID 1 does.
 */
final class PrivateSystemd implements AutoCloseable {

    private static final Path SYSTEMD = Path.of("/lib/systemd/systemd");
    private static final Duration COMMAND = Duration.ofSeconds(90);

    private final Path scratch;
    private final Path cgroup;
    private final Process unshare;
    private final ProcessHandle init;

    private PrivateSystemd(Path scratch, Path cgroup, Process unshare, ProcessHandle init) {
        this.scratch = scratch;
        this.cgroup = cgroup;
        this.unshare = unshare;
        this.init = init;
    }

    /** Skips the calling tests, saying what is missing, where no systemd can be run. */
    static void assumeAvailable() {
        assumeTrue(
                Files.isExecutable(SYSTEMD),
                SYSTEMD
                        + " is missing (Debian package systemd): no service manager to run the"
                        + " unit");
        assumeTrue(
                Exec.onPath("unshare") && Exec.onPath("nsenter"),
                "unshare and nsenter are missing (Debian package util-linux)");
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "systemd as PID 1 of its own namespaces needs root; run as root (CI does)");
    }

    /** Where units go: the only folder the manager loads units from. */
    Path units() {
        return scratch.resolve("units");
    }

    /** The scratch folder, seen at the same path inside the namespaces. */
    Path scratch() {
        return scratch;
    }

    /**
     * Boots a manager in a new scratch folder under {@code parent} after running {@code install}
     * (shell commands) inside the namespaces, as root, with {@code /etc}, {@code /var} and {@code
     * /opt} already private.
     */
    static PrivateSystemd boot(Path parent, String install) {
        try {
            Path scratch = prepare(parent.toAbsolutePath(), install);
            Path cgroup = cgroupRoot().resolve("gatehouse-test-" + scratch.getFileName());
            Files.createDirectory(cgroup);
            Process unshare = enterNamespaces(scratch, cgroup);
            try {
                PrivateSystemd systemd =
                        new PrivateSystemd(scratch, cgroup, unshare, awaitInit(unshare));
                systemd.awaitRunning();
                return systemd;
            } catch (RuntimeException | Error e) {
                unshare.descendants().forEach(ProcessHandle::destroyForcibly);
                unshare.destroyForcibly();
                removeCgroups(cgroup);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path prepare(Path parent, String install) throws IOException {
        Path scratch = parent.resolve("systemd-" + UUID.randomUUID());
        Files.createDirectories(scratch.resolve("units"));
        StandInUnits.write(scratch.resolve("units"));
        Files.writeString(scratch.resolve("install.sh"), install, StandardCharsets.UTF_8);
        Files.writeString(scratch.resolve("boot.sh"), bootScript(scratch), StandardCharsets.UTF_8);
        Files.createFile(scratch.resolve("console"));
        return scratch;
    }

    /** Moves a shell into {@code cgroup}, which becomes the namespaces' root, and boots there. */
    private static Process enterNamespaces(Path scratch, Path cgroup) throws IOException {
        return new ProcessBuilder(
                        "sh",
                        "-c",
                        "echo $$ > \"$1/cgroup.procs\" && exec unshare --pid --fork --mount"
                                + " --propagation private --mount-proc --cgroup --uts --ipc"
                                + " /bin/sh \"$2\"",
                        "sh",
                        cgroup.toString(),
                        scratch.resolve("boot.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(scratch.resolve("boot.log").toFile())
                .start();
    }

    private static Path cgroupRoot() {
        Path unified = Path.of("/sys/fs/cgroup");
        if (Files.exists(unified.resolve("cgroup.controllers"))) {
            return unified;
        }
        Path hybrid = unified.resolve("unified");
        if (Files.exists(hybrid.resolve("cgroup.controllers"))) {
            return hybrid;
        }
        throw new AssertionError(
                "no cgroup2 hierarchy at /sys/fs/cgroup or /sys/fs/cgroup/unified");
    }

    private static String bootScript(Path scratch) {
        return """
        set -eu
        export PATH=/usr/sbin:/usr/bin:/sbin:/bin
        S='%s'
        mount -t tmpfs -o mode=0755 tmpfs /run
        mount -t tmpfs -o mode=1777 tmpfs /tmp
        mount -t cgroup2 cgroup2 /sys/fs/cgroup
        for d in etc var opt; do
          mkdir -p "$S/overlay/$d/upper" "$S/overlay/$d/work"
          mount -t overlay overlay \
            -o "lowerdir=/$d,upperdir=$S/overlay/$d/upper,workdir=$S/overlay/$d/work" "/$d"
        done
        mount --bind "$S/console" /dev/console
        sh -eu "$S/install.sh"
        export container=gatehouse-test SYSTEMD_UNIT_PATH="$S/units"
        exec %s --system --unit=basic.target --log-target=journal --show-status=no
        """
                .formatted(scratch, SYSTEMD);
    }

    private static ProcessHandle awaitInit(Process unshare) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            var init =
                    unshare.children()
                            .filter(
                                    c ->
                                            c.info()
                                                    .command()
                                                    .map(PrivateSystemd::isSystemd)
                                                    .orElse(false))
                            .findFirst();
            if (init.isPresent()) {
                return init.get();
            }
            if (!unshare.isAlive()) {
                throw new AssertionError("the namespaces did not come up: " + unshare.exitValue());
            }
            pause(Duration.ofMillis(100));
        }
        throw new AssertionError("systemd did not start within 30 s");
    }

    private static boolean isSystemd(String command) {
        try {
            return Path.of(command).toRealPath().equals(SYSTEMD.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitRunning() {
        Instant deadline = Instant.now().plusSeconds(30);
        Exec state = null;
        while (Instant.now().isBefore(deadline)) {
            state = inside("systemctl", "is-system-running");
            if (state.output().strip().equals("running")) {
                return;
            }
            pause(Duration.ofMillis(200));
        }
        throw new AssertionError("systemd did not reach running within 30 s: " + state + log());
    }

    /** Runs {@code command} inside the namespaces, as root. */
    Exec inside(String... command) {
        List<String> full =
                new ArrayList<>(
                        List.of(
                                "nsenter",
                                "--target",
                                Long.toString(init.pid()),
                                "--mount",
                                "--pid",
                                "--"));
        full.addAll(List.of(command));
        return Exec.run(COMMAND, full);
    }

    /** {@code systemctl args}, which must succeed. */
    Exec systemctl(String... args) {
        String[] command =
                Stream.concat(Stream.of("systemctl"), Stream.of(args)).toArray(String[]::new);
        Exec done = inside(command);
        if (done.status() != 0) {
            throw new AssertionError(done + log());
        }
        return done;
    }

    /** The values of {@code properties} of {@code unit}, as {@code systemctl show} gives them. */
    Map<String, String> show(String unit, String... properties) {
        Map<String, String> values = new LinkedHashMap<>();
        systemctl("show", unit, "--property=" + String.join(",", properties))
                .output()
                .lines()
                .filter(l -> l.contains("="))
                .forEach(
                        l ->
                                values.put(
                                        l.substring(0, l.indexOf('=')),
                                        l.substring(l.indexOf('=') + 1)));
        return values;
    }

    /** What {@code unit} and systemd about it wrote to the journal, message by message. */
    List<String> journal(String unit) {
        return inside("journalctl", "--unit=" + unit, "--no-pager", "--output=cat")
                .output()
                .lines()
                .toList();
    }

    /** The processes left in {@code unit}'s control group, as the machine sees them. */
    List<String> processesOf(String unit) {
        Path procs = cgroup.resolve("system.slice").resolve(unit).resolve("cgroup.procs");
        try {
            return Files.exists(procs) ? Files.readAllLines(procs) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The manager's messages and the journal of everything, for a failed assertion. */
    String log() {
        try {
            return "\n--- systemd console ---\n"
                    + Files.readString(scratch.resolve("console"))
                    + "\n--- boot ---\n"
                    + Files.readString(scratch.resolve("boot.log"))
                    + "\n--- journal ---\n"
                    + inside("journalctl", "--no-pager", "--output=short-monotonic").output();
        } catch (IOException | RuntimeException | AssertionError e) {
            return "\n(no log: " + e + ")";
        }
    }

    /** Ends every process of the namespaces at once and removes what the manager left behind. */
    @Override
    public void close() {
        init.destroyForcibly();
        try {
            unshare.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeCgroups(cgroup);
        deleteQuietly(scratch);
    }

    private static void removeCgroups(Path cgroup) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Files.exists(cgroup) && Instant.now().isBefore(deadline)) {
            try (Stream<Path> tree = Files.walk(cgroup)) {
                for (Path dir :
                        tree.filter(Files::isDirectory)
                                .sorted(Comparator.reverseOrder())
                                .toList()) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                pause(Duration.ofMillis(200));
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left for `mvn clean`: it is under target/.
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
