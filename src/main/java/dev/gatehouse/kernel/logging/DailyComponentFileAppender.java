package dev.gatehouse.kernel.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

import dev.gatehouse.kernel.product.ProductModules;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes the same redacted JSON lines as the console to {@code
 * <path>/<yyyy-MM-dd>/<Component>.log}.
 *
 * <p>Design. The day is the event's timestamp in UTC. One lock guards the state: the current day
 * and at most one open stream per {@link LogComponent}. The components are a closed set fixed at
 * start (the kernel's, those the installed {@code ProductModule}s declare, and {@code App}), so
 * open handles are bounded whatever the uptime. An event of a later day rolls over: every stream of
 * the previous day is closed, then {@link LogRetention} deletes expired day folders and, oldest
 * first, folders beyond the size cap. An event stamped earlier than the current day (a thread that
 * lost the race at midnight) goes to the current day's file rather than reopening an old one. The
 * sweep also runs at start and after every tenth of the size cap written, never per event (so the
 * cap may be exceeded by that tenth, or by the current day alone, which is never deleted). Encoding
 * happens outside the lock; each line is written with one call and flushed. With a blank {@code
 * path} the appender starts and discards everything, so configuration needs no conditionals. I/O
 * failures are reported to Logback's status manager and the stream is reopened on the next event.
 */
public final class DailyComponentFileAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final int DEFAULT_RETENTION_DAYS = 14;
    static final long DEFAULT_MAX_TOTAL_MB = 1024;
    private static final long MB = 1024L * 1024L;

    private final RedactingJsonEncoder encoder = new RedactingJsonEncoder();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<LogComponent, OutputStream> writers = new HashMap<>();
    private volatile @Nullable LogComponents components;
    private Clock clock = Clock.systemUTC();
    private String path = "";
    private int retentionDays = DEFAULT_RETENTION_DAYS;
    private long maxTotalMb = DEFAULT_MAX_TOTAL_MB;
    private @Nullable Path root;
    private @Nullable LocalDate currentDay;
    private long bytesSinceSweep;

    /** Log directory; blank turns file logging off. */
    public void setPath(@Nullable String path) {
        this.path = path == null ? "" : path.strip();
    }

    /** Days of folders kept, today included; 1–3650, default 14. */
    public void setRetentionDays(int days) {
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException(
                    "retentionDays must be between 1 and 3650, was " + days);
        }
        this.retentionDays = days;
    }

    /** Cap on the size of all day folders together, in MiB; 1–1048576, default 1024. */
    public void setMaxTotalMb(long megabytes) {
        if (megabytes < 1 || megabytes > 1_048_576) {
            throw new IllegalArgumentException(
                    "maxTotalMb must be between 1 and 1048576, was " + megabytes);
        }
        this.maxTotalMb = megabytes;
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }

    /** The components besides the kernel's; by default those of the installed products. */
    void setComponents(List<LogComponent> declared) {
        this.components = LogComponents.of(declared);
    }

    @Override
    public void start() {
        if (components == null) {
            components = LogComponents.of(ProductModules.installed().logComponents());
        }
        encoder.setContext(getContext());
        encoder.start();
        if (path.isEmpty()) {
            addInfo("No log path set: file logging is off.");
        } else {
            root = Path.of(path).toAbsolutePath();
            lock.lock();
            try {
                LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
                currentDay = today;
                sweep(today);
            } finally {
                lock.unlock();
            }
        }
        super.start();
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            closeAll();
            currentDay = null;
        } finally {
            lock.unlock();
        }
        super.stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        Path dir = root;
        LogComponents known = components;
        if (dir == null || known == null) {
            return;
        }
        byte[] line = encoder.encode(event);
        LocalDate day = LocalDate.ofInstant(event.getInstant(), ZoneOffset.UTC);
        LogComponent component = known.of(event.getLoggerName());
        lock.lock();
        try {
            write(dir, day, component, line);
        } finally {
            lock.unlock();
        }
    }

    /** Number of streams open now; for tests of the handle bound. */
    int openWriters() {
        lock.lock();
        try {
            return writers.size();
        } finally {
            lock.unlock();
        }
    }

    private void write(Path dir, LocalDate eventDay, LogComponent component, byte[] line) {
        LocalDate current = currentDay;
        if (current == null || eventDay.isAfter(current)) {
            closeAll();
            current = eventDay;
            currentDay = current;
            sweep(current);
        }
        try {
            OutputStream out = writers.get(component);
            if (out == null) {
                out = open(dir.resolve(current.toString()), component);
                writers.put(component, out);
            }
            out.write(line);
            out.flush();
        } catch (IOException e) {
            addError("Cannot write log file of " + component + " under " + dir, e);
            close(writers.remove(component));
            return;
        }
        bytesSinceSweep += line.length;
        if (bytesSinceSweep > maxTotalMb * MB / 10) {
            sweep(current);
        }
    }

    private static OutputStream open(Path dayDir, LogComponent component) throws IOException {
        Files.createDirectories(dayDir);
        return Files.newOutputStream(
                dayDir.resolve(component.fileName()),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    private void sweep(LocalDate today) {
        bytesSinceSweep = 0;
        Path dir = root;
        if (dir == null) {
            return;
        }
        try {
            for (Path deleted :
                    new LogRetention(retentionDays, maxTotalMb * MB).sweep(dir, today)) {
                addInfo("Deleted old log folder " + deleted);
            }
        } catch (IOException e) {
            addError("Log retention sweep failed under " + dir, e);
        }
    }

    private void closeAll() {
        writers.values().forEach(this::close);
        writers.clear();
    }

    private void close(@Nullable OutputStream out) {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            addWarn("Cannot close a log file", e);
        }
    }
}
