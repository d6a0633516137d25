package dev.gatehouse.testing;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One {@code named -g} process for {@link Bind}, its temporary directory and its log. Runs as root
 * without {@code -u}: named then keeps root and writes its journals in the directory, which is what
 * the tests want. Startup waits until named answers SOA for the first zone (polling every 50 ms)
 * and fails with named's own output after {@link #STARTUP}.
 */
final class BindProcess {

    static final Duration STARTUP = Duration.ofSeconds(10);

    private final Process process;
    private final Path dir;
    private final int port;

    private BindProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Thrown when named could not bind its port: the caller retries with another. */
    static final class PortTaken extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTaken(int port) {
            super("port " + port + " was taken");
        }
    }

    static BindProcess launch(
            List<String> zones,
            String servfailZone,
            String keyName,
            String algorithm,
            String secret,
            boolean ipv6) {
        Path dir;
        try {
            dir = Files.createTempDirectory("gatehouse-bind");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = TestNode.freePort();
        Process process;
        try {
            BindFiles.write(dir, port, ipv6, zones, servfailZone, keyName, algorithm, secret);
            process =
                    new ProcessBuilder(
                                    "/usr/sbin/named",
                                    "-g",
                                    "-n",
                                    "1",
                                    "-c",
                                    dir.resolve("named.conf").toString())
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("named.log").toFile())
                            .start();
        } catch (IOException e) {
            deleteTree(dir);
            throw new UncheckedIOException("cannot start /usr/sbin/named", e);
        }
        BindProcess bind = new BindProcess(process, dir, port);
        bind.awaitReady(zones.getFirst());
        return bind;
    }

    int port() {
        return port;
    }

    String log() {
        try {
            return Files.readString(dir.resolve("named.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops named (TERM, then KILL after 3 s); safe to call twice. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    void stopAndDelete() {
        stop();
        deleteTree(dir);
    }

    private void awaitReady(String zone) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = log();
                stopAndDelete();
                if (log.contains("address in use")) {
                    throw new PortTaken(port);
                }
                throw new IllegalStateException(
                        "named exited with " + process.exitValue() + ":\n" + log);
            }
            if (answers(zone)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopAndDelete();
                throw new IllegalStateException("interrupted while waiting for named", e);
            }
        }
        String log = log();
        stopAndDelete();
        throw new IllegalStateException("named did not answer within " + STARTUP + ":\n" + log);
    }

    private boolean answers(String zone) {
        try {
            SimpleResolver r =
                    new SimpleResolver(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            r.setTimeout(Duration.ofMillis(200));
            Message m =
                    r.send(
                            Message.newQuery(
                                    Record.newRecord(
                                            Name.fromString(zone + "."), Type.SOA, DClass.IN)));
            return m.getRcode() == Rcode.NOERROR && !m.getSection(Section.ANSWER).isEmpty();
        } catch (TextParseException e) {
            throw new IllegalArgumentException("bad zone " + zone, e);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir left behind is harmless
        }
    }
}
