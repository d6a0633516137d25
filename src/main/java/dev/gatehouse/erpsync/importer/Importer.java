package dev.gatehouse.erpsync.importer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one importer process: the program with its one argument, no shell, in the company's
 * downloads folder. stdout lines are logged as info, stderr lines as errors and kept (up to {@link
 * #MAX_KEPT_LINES} of at most {@link #MAX_LINE} characters) for the operators' e-mail.
 *
 * <p>Design: on timeout the process tree is snapshotted first (a child whose parent dies is
 * re-parented and would no longer show as a descendant), the parent is asked to stop ({@link
 * ProcessHandle#destroy()}: SIGTERM on Linux; on Windows the JDK has no graceful stop, so this
 * already terminates the parent), and after the grace period every process of the tree still alive
 * (the snapshot and the parent's current descendants) is killed with {@link
 * ProcessHandle#destroyForcibly()}. This replaces SageConnect's {@code taskkill /F /T}: the same
 * tree kill, on every operating system the JDK runs on. Thread-safe.
 */
public final class Importer {

    /** stderr lines kept for the e-mail. */
    public static final int MAX_KEPT_LINES = 200;

    /** The longest line kept or logged. */
    public static final int MAX_LINE = 2000;

    private static final Logger log = LoggerFactory.getLogger(Importer.class);

    private final Duration grace;

    /**
     * @param grace how long a stopped importer may take to end before its tree is killed
     */
    public Importer(Duration grace) {
        this.grace = grace;
    }

    /** How a run ended. */
    public sealed interface Result {
        Duration took();

        List<String> stderr();
    }

    public record Exited(int code, Duration took, List<String> stderr) implements Result {}

    public record TimedOut(long pid, int killed, Duration took, List<String> stderr)
            implements Result {}

    public record NotStarted(String reason, Duration took, List<String> stderr) implements Result {}

    /**
     * Runs {@code program argument} in {@code folder} for at most {@code timeout}; {@code company}
     * names the run in log lines.
     */
    public Result run(
            Path program, String argument, Path folder, Duration timeout, String company) {
        long started = System.nanoTime();
        List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        Process process;
        try {
            Files.createDirectories(folder);
            ProcessBuilder pb =
                    new ProcessBuilder(
                                    argument.isEmpty()
                                            ? List.of(program.toString())
                                            : List.of(program.toString(), argument))
                            .directory(folder.toFile());
            process = pb.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            return new NotStarted(
                    "the importer could not start: " + e.getMessage(), since(started), List.of());
        }
        long pid = process.pid();
        Thread out =
                drain(
                        process.getInputStream(),
                        line -> log.info("[IMPORTER] pid={} {}", pid, line));
        Thread err =
                drain(
                        process.getErrorStream(),
                        line -> {
                            log.error("[IMPORTER] pid={} stderr: {}", pid, line);
                            if (stderr.size() < MAX_KEPT_LINES) {
                                stderr.add(line);
                            }
                        });
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                join(out, err);
                return new Exited(process.exitValue(), since(started), List.copyOf(stderr));
            }
            return stop(process, company, timeout, started, stderr, out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process.toHandle(), snapshot(process.toHandle()));
            return new NotStarted("interrupted", since(started), List.copyOf(stderr));
        }
    }

    private Result stop(
            Process process,
            String company,
            Duration timeout,
            long started,
            List<String> stderr,
            Thread out,
            Thread err)
            throws InterruptedException {
        ProcessHandle parent = process.toHandle();
        Set<ProcessHandle> tree = snapshot(parent);
        log.warn(
                "[TIMEOUT] step=startChildProcess tenant={} pid={} durationMs={} action=SIGTERM",
                company,
                parent.pid(),
                timeout.toMillis());
        parent.destroy();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && anyAlive(parent, tree)) {
            Thread.sleep(50);
        }
        int killed = killTree(parent, tree);
        if (killed > 0) {
            log.warn(
                    "[TIMEOUT] step=startChildProcess pid={} action=destroyForcibly tree={}",
                    parent.pid(),
                    killed);
        }
        join(out, err);
        return new TimedOut(parent.pid(), killed, since(started), List.copyOf(stderr));
    }

    /** The parent's descendants now, children first. */
    private static Set<ProcessHandle> snapshot(ProcessHandle parent) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        parent.descendants().forEach(tree::add);
        return tree;
    }

    private static boolean anyAlive(ProcessHandle parent, Set<ProcessHandle> tree) {
        return parent.isAlive() || tree.stream().anyMatch(ProcessHandle::isAlive);
    }

    /** Kills whatever of the tree still lives; returns how many it had to kill. */
    private static int killTree(ProcessHandle parent, Set<ProcessHandle> snapshot) {
        Set<ProcessHandle> all = new LinkedHashSet<>(snapshot);
        parent.descendants().forEach(all::add);
        all.add(parent);
        int killed = 0;
        for (ProcessHandle p : all) {
            if (p.isAlive()) {
                p.destroyForcibly();
                killed++;
            }
        }
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.error("[TIMEOUT] pid={} did not end after destroyForcibly", p.pid());
            }
        }
        return killed;
    }

    /** Reads {@code stream} line by line on a thread that logs with the caller's log fields. */
    private static Thread drain(InputStream stream, Consumer<String> line) {
        java.util.Map<String, String> fields = org.slf4j.MDC.getCopyOfContextMap();
        return Thread.ofVirtual()
                .start(
                        () -> {
                            if (fields != null) {
                                org.slf4j.MDC.setContextMap(fields);
                            }
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    stream, StandardCharsets.UTF_8))) {
                                String l;
                                while ((l = r.readLine()) != null) {
                                    line.accept(
                                            l.length() <= MAX_LINE ? l : l.substring(0, MAX_LINE));
                                }
                            } catch (IOException e) {
                                // the process ended or was killed: nothing more to read
                            }
                        });
    }

    private static void join(Thread... threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(5));
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
