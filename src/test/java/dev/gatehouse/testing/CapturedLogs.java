package dev.gatehouse.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import dev.gatehouse.kernel.logging.RedactingJsonEncoder;

import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingSystem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * Everything the process logs while it is open: each event as the application's own {@link
 * RedactingJsonEncoder} writes it (an appender on the root logger), and every byte written to
 * {@code System.out} and {@code System.err} (still passed through). {@link #filesUnder} reads the
 * log files a node wrote under its {@code LOG_PATH}.
 *
 * <p>Logback is one per JVM and Spring Boot configures it only once while it is marked initialised;
 * {@link #letTheNextNodeConfigureLogging()} clears that mark so a node started next applies its own
 * logging settings (such as {@code LOG_PATH}) even while another node runs in the same JVM.
 */
public final class CapturedLogs implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final Appender appender = new Appender();

    private CapturedLogs() {}

    /**
     * Starts capturing; close to stop. Start it after the nodes it watches, since a node start
     * resets Logback.
     */
    public static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.appender.setContext(context);
        logs.appender.encoder.setContext(context);
        logs.appender.encoder.start();
        logs.appender.setName("test-capture");
        logs.appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs.appender);
        System.setOut(
                new PrintStream(
                        new Tee(logs.console, logs.originalOut), true, StandardCharsets.UTF_8));
        System.setErr(
                new PrintStream(
                        new Tee(logs.console, logs.originalErr), true, StandardCharsets.UTF_8));
        return logs;
    }

    /** Makes the next node started in this JVM configure Logback from its own settings. */
    public static void letTheNextNodeConfigureLogging() {
        LoggingSystem.get(CapturedLogs.class.getClassLoader()).cleanUp();
    }

    /** Every event captured so far, one encoded JSON line each. */
    public List<String> events() {
        return List.copyOf(events);
    }

    /** Every line written to standard output or standard error so far. */
    public List<String> consoleLines() {
        synchronized (console) {
            return console.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Every line of every regular file under {@code dir}, prefixed with the file's name. */
    public static List<String> filesUnder(Path dir) {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    lines.add(dir.relativize(file) + ": " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        appender.stop();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private final class Appender extends AppenderBase<ILoggingEvent> {
        private final RedactingJsonEncoder encoder = new RedactingJsonEncoder();

        @Override
        protected void append(ILoggingEvent event) {
            events.add(new String(encoder.encode(event), StandardCharsets.UTF_8).stripTrailing());
        }
    }

    /** Writes to the capture buffer and on to the original stream. */
    private static final class Tee extends OutputStream {
        private final ByteArrayOutputStream copy;
        private final OutputStream original;

        Tee(ByteArrayOutputStream copy, OutputStream original) {
            this.copy = copy;
            this.original = original;
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (copy) {
                copy.write(b);
            }
            original.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (copy) {
                copy.write(b, off, len);
            }
            original.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }
    }
}
