package dev.gatehouse.kernel.logging;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes whole day folders ({@code yyyy-MM-dd}) under a log root: first those older than the
 * retention window, then the oldest others while the total size exceeds the cap. The current day's
 * folder is never deleted (its files are open); other entries under the root are left alone.
 *
 * @param retentionDays days kept, today included (1 keeps only today)
 * @param maxTotalBytes cap on the size of all day folders together
 */
record LogRetention(int retentionDays, long maxTotalBytes) {

    private record DayFolder(LocalDate day, Path path, long bytes) {}

    /** Sweeps {@code root} as of {@code today}; returns the folders deleted, oldest first. */
    List<Path> sweep(Path root, LocalDate today) throws IOException {
        List<DayFolder> folders = dayFolders(root);
        LocalDate oldestKept = today.minusDays(retentionDays - 1L);
        long total = folders.stream().mapToLong(DayFolder::bytes).sum();
        List<Path> deleted = new ArrayList<>();
        for (DayFolder folder : folders) {
            boolean expired = folder.day().isBefore(oldestKept);
            boolean overCap = total > maxTotalBytes && folder.day().isBefore(today);
            if (expired || overCap) {
                deleteTree(folder.path());
                total -= folder.bytes();
                deleted.add(folder.path());
            }
        }
        return deleted;
    }

    private static List<DayFolder> dayFolders(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<DayFolder> folders = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                LocalDate day = parseDay(child.getFileName().toString());
                if (day != null) {
                    folders.add(new DayFolder(day, child, sizeOf(child)));
                }
            }
        }
        folders.sort(Comparator.comparing(DayFolder::day));
        return folders;
    }

    private static @Nullable LocalDate parseDay(String name) {
        try {
            return LocalDate.parse(name);
        } catch (DateTimeParseException notADayFolder) {
            return null;
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(LogRetention::sizeOrZero).sum();
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException vanished) {
            return 0L;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
