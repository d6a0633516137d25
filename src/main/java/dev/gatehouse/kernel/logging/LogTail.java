package dev.gatehouse.kernel.logging;

import org.jspecify.annotations.Nullable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the end of one component's log file of one day, as {@link DailyComponentFileAppender}
 * writes it ({@code <path>/<yyyy-MM-dd>/<Component>.log}), for products that show their logs.
 *
 * <p>The file is named only from a {@link LogComponent} and a {@link LocalDate}, never from caller
 * text, so no request can name another file. At most {@link #MAX_SCANNED_BYTES} from the end of the
 * file are read, line by line, keeping only the last {@code max} lines that pass the filter: memory
 * is bounded by {@code max} lines whatever the file's size. The lines are as written (already
 * redacted JSON). Thread-safe; lines appended while it reads may be included.
 */
public final class LogTail {

    /** How much of a day's file is read at most, from its end. */
    public static final long MAX_SCANNED_BYTES = 64L * 1024 * 1024;

    /** The longest line kept; a longer one (which the encoder never writes) is skipped. */
    static final int MAX_LINE_CHARS = 64 * 1024;

    private final @Nullable Path root;

    /**
     * @param root the log directory ({@code LOG_PATH}); null when file logging is off
     */
    public LogTail(@Nullable Path root) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
    }

    /** Whether logs are written to files at all. */
    public boolean enabled() {
        return root != null;
    }

    /**
     * The last {@code max} lines of {@code component}'s file of {@code day} that {@code keep}
     * accepts, oldest first; empty when there is no such file or file logging is off.
     */
    public List<String> last(
            LogComponent component, LocalDate day, int max, Predicate<String> keep) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, was " + max);
        }
        Path dir = root;
        if (dir == null) {
            return List.of();
        }
        Path file = dir.resolve(day.toString()).resolve(component.fileName());
        ArrayDeque<String> kept = new ArrayDeque<>(Math.min(max, 1024));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = Math.max(0, size - MAX_SCANNED_BYTES);
            channel.position(start);
            var reader =
                    new BufferedReader(
                            new InputStreamReader(
                                    Channels.newInputStream(channel), StandardCharsets.UTF_8));
            if (start > 0) {
                reader.readLine(); // the first line read is only the end of one
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.length() <= MAX_LINE_CHARS && keep.test(line)) {
                    if (kept.size() == max) {
                        kept.removeFirst();
                    }
                    kept.addLast(line);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read log file " + file, e);
        }
        return List.copyOf(kept);
    }
}
