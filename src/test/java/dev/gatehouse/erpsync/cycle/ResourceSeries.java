package dev.gatehouse.erpsync.cycle;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * What a long-running node holds, sampled between cycles: open file descriptors ({@code
 * /proc/self/fd}), live platform threads, sessions on the Sage databases (the pools' connections,
 * counted by the database), and heap in use after a full collection.
 *
 * <p>Flat means: after the warm-up samples, the median of the last quarter exceeds the median of
 * the first quarter by at most the gauge's tolerance. Medians, not single samples, so that one
 * sample taken while a pool had an extra idle connection or a collection left some garbage does not
 * decide; quarters, so that a slow leak shows as a difference that grows with the run.
 */
final class ResourceSeries {

    /** One sample after cycle {@code cycle}. */
    record Sample(
            int cycle, long fds, long threads, long sageSessions, long heapKiB, long fixtureKiB) {

        /** Heap after GC less what the test's own fixtures are known to hold. */
        long netHeapKiB() {
            return heapKiB - fixtureKiB;
        }
    }

    /** A measured quantity with its tolerance, in its own unit. */
    record Gauge(String name, ToLongFunction<Sample> value, long tolerance, String unit) {}

    /** The verdict on one gauge. */
    record Verdict(Gauge gauge, long firstMedian, long lastMedian) {
        boolean flat() {
            return lastMedian - firstMedian <= gauge.tolerance();
        }

        @Override
        public String toString() {
            return String.format(
                    "%-14s first quarter %8d, last quarter %8d, growth %6d %s (tolerance %d): %s",
                    gauge.name(),
                    firstMedian,
                    lastMedian,
                    lastMedian - firstMedian,
                    gauge.unit(),
                    gauge.tolerance(),
                    flat() ? "flat" : "GROWING");
        }
    }

    private final List<Sample> samples = new ArrayList<>();
    private final int warmUpCycles;
    private final IntSupplier sageSessions;
    private final LongSupplier fixtureBytes;
    private @Nullable Map<String, Long> firstHistogram;
    private Map<String, Integer> firstThreads = Map.of();
    private Map<String, Integer> firstFds = Map.of();

    /**
     * @param warmUpCycles samples of earlier cycles are shown but not judged
     * @param sageSessions counts the sessions on the Sage databases
     * @param fixtureBytes estimates the heap the test's fixtures hold in this JVM
     */
    ResourceSeries(int warmUpCycles, IntSupplier sageSessions, LongSupplier fixtureBytes) {
        this.warmUpCycles = warmUpCycles;
        this.sageSessions = sageSessions;
        this.fixtureBytes = fixtureBytes;
    }

    /** Collects garbage and records a sample after {@code cycle}. */
    Sample sample(int cycle) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Sample s =
                new Sample(
                        cycle,
                        openFileDescriptors(),
                        ManagementFactory.getThreadMXBean().getThreadCount(),
                        sageSessions.getAsInt(),
                        heap / 1024,
                        fixtureBytes.getAsLong() / 1024);
        samples.add(s);
        if (firstHistogram == null && cycle >= warmUpCycles) {
            firstHistogram = histogram();
            firstThreads = threadNames();
            firstFds = fdTargets();
        }
        return s;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The samples after the warm-up judged on each gauge. */
    List<Verdict> verdicts(List<Gauge> gauges) {
        List<Sample> measured = measured();
        if (measured.size() < 8) {
            throw new IllegalStateException(
                    "flatness needs at least 8 samples after the warm-up, had " + measured.size());
        }
        int quarter = measured.size() / 4;
        List<Verdict> out = new ArrayList<>();
        for (Gauge g : gauges) {
            out.add(
                    new Verdict(
                            g,
                            median(measured.subList(0, quarter), g.value()),
                            median(
                                    measured.subList(measured.size() - quarter, measured.size()),
                                    g.value())));
        }
        return out;
    }

    /** The series as a table, one line per sample. */
    String table() {
        StringBuilder b =
                new StringBuilder(
                        String.format(
                                "%6s %6s %8s %9s %14s %12s %12s%n",
                                "cycle",
                                "fds",
                                "threads",
                                "sessions",
                                "heap KiB (GC)",
                                "fixture KiB",
                                "net KiB"));
        for (Sample s : samples) {
            b.append(
                    String.format(
                            "%6d %6d %8d %9d %14d %12d %12d%n",
                            s.cycle(),
                            s.fds(),
                            s.threads(),
                            s.sageSessions(),
                            s.heapKiB(),
                            s.fixtureKiB(),
                            s.netHeapKiB()));
        }
        return b.toString();
    }

    /**
     * How the platform threads' names changed since the first sample after the warm-up, digits
     * folded ({@code pool-#-thread-#}): what to look at when threads grow.
     */
    String threadChanges() {
        return changes(firstThreads, threadNames());
    }

    /**
     * How the open file descriptors' targets changed since the first sample after the warm-up
     * (sockets by kind and peer, pipes, file paths with digits folded): what to look at when they
     * grow.
     */
    String fdChanges() {
        return changes(firstFds, fdTargets());
    }

    private static String changes(Map<String, Integer> first, Map<String, Integer> last) {
        Map<String, String> changed = new TreeMap<>();
        Set<String> names = new TreeSet<>(first.keySet());
        names.addAll(last.keySet());
        for (String n : names) {
            int a = first.getOrDefault(n, 0);
            int b = last.getOrDefault(n, 0);
            if (a != b) {
                changed.put(n, a + " -> " + b);
            }
        }
        return changed.toString();
    }

    /**
     * The {@code top} classes whose live instances grew most in bytes since the first sample after
     * the warm-up (a class histogram now against one taken then): where to look when the heap
     * grows.
     */
    String classGrowth(int top) {
        Map<String, Long> first = java.util.Objects.requireNonNull(firstHistogram, "no sample yet");
        Map<String, Long> now = histogram();
        return now.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - first.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(e -> e.getKey() + " +" + e.getValue() / 1024 + " KiB")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private List<Sample> measured() {
        return samples.stream().filter(s -> s.cycle() >= warmUpCycles).toList();
    }

    /** Live bytes by class, from the JVM's class histogram (which collects garbage first). */
    private static Map<String, Long> histogram() {
        String text;
        try {
            text =
                    (String)
                            ManagementFactory.getPlatformMBeanServer()
                                    .invoke(
                                            new ObjectName(
                                                    "com.sun.management:type=DiagnosticCommand"),
                                            "gcClassHistogram",
                                            new Object[] {new String[0]},
                                            new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("no class histogram: " + e, e);
        }
        Map<String, Long> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                out.merge(f[3], Long.parseLong(f[2]), Long::sum);
            }
        }
        return out;
    }

    /**
     * Open descriptors by target: files with digits folded, pipes, and TCP sockets by state and
     * remote port (listening ones by local port), from {@code /proc/self/net/tcp*}.
     */
    private static Map<String, Integer> fdTargets() {
        Map<String, String> sockets = tcpSockets();
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(
                    fd -> {
                        String target;
                        try {
                            target = Files.readSymbolicLink(fd).toString();
                        } catch (IOException e) {
                            return; // closed meanwhile, or the listing's own descriptor
                        }
                        String kind;
                        if (target.startsWith("socket:[")) {
                            kind =
                                    sockets.getOrDefault(
                                            target.substring(8, target.length() - 1), "socket");
                        } else {
                            kind =
                                    target.replaceAll(":\\[[0-9]+\\]$", "")
                                            .replaceAll("[0-9]+", "#");
                        }
                        out.merge(kind, 1, Integer::sum);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("/proc/self/fd cannot be listed", e);
        }
        return out;
    }

    /**
     * Sockets by inode: {@code tcp ESTABLISHED to :5432}, {@code tcp LISTEN on :8080}, {@code udp},
     * {@code unix <path>}, {@code netlink}; a socket in none of the tables (never bound or
     * connected) stays {@code socket}.
     */
    private static Map<String, String> tcpSockets() {
        Map<String, String> out = new HashMap<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.strip().split("\\s+");
                if (f.length < 10) {
                    continue;
                }
                int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                int remote = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                String state = TCP_STATES.getOrDefault(f[3], f[3]);
                out.put(
                        f[9],
                        state.equals("LISTEN")
                                ? "tcp LISTEN on :" + local
                                : "tcp " + state + " to :" + remote);
            }
        }
        for (String[] table :
                List.of(
                        new String[] {"/proc/self/net/udp", "udp", "9"},
                        new String[] {"/proc/self/net/udp6", "udp", "9"},
                        new String[] {"/proc/self/net/unix", "unix", "6"},
                        new String[] {"/proc/self/net/netlink", "netlink", "9"})) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table[0]));
            } catch (IOException e) {
                continue;
            }
            int column = Integer.parseInt(table[2]);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.strip().split("\\s+");
                if (f.length > column) {
                    String path = table[1].equals("unix") && f.length > 7 ? " " + f[7] : "";
                    out.putIfAbsent(f[column], table[1] + path);
                }
            }
        }
        return out;
    }

    private static final Map<String, String> TCP_STATES =
            Map.of(
                    "01", "ESTABLISHED",
                    "02", "SYN_SENT",
                    "04", "FIN_WAIT1",
                    "05", "FIN_WAIT2",
                    "06", "TIME_WAIT",
                    "07", "CLOSE",
                    "08", "CLOSE_WAIT",
                    "09", "LAST_ACK",
                    "0A", "LISTEN");

    private static Map<String, Integer> threadNames() {
        Map<String, Integer> out = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            out.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        return out;
    }

    private static long median(List<Sample> samples, ToLongFunction<Sample> value) {
        long[] v = samples.stream().mapToLong(value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("/proc/self/fd cannot be listed", e);
        }
    }
}
