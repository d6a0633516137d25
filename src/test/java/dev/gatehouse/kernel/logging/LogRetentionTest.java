package dev.gatehouse.kernel.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRetentionTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @TempDir
    Path root;

    @Test
    void folders_older_than_the_retention_window_are_deleted() throws IOException {
        for (int back = 0; back < 6; back++) {
            dayFolder(TODAY.minusDays(back), 10);
        }

        var deleted = new LogRetention(3, 1_000_000).sweep(root, TODAY);

        assertThat(deleted).hasSize(3);
        assertThat(folders()).containsExactly("2026-11-23", "2026-11-24", "2026-11-25");
    }

    @Test
    void oldest_folders_go_first_until_the_total_fits_the_cap() throws IOException {
        for (int back = 0; back < 5; back++) {
            dayFolder(TODAY.minusDays(back), 1000);
        }

        new LogRetention(30, 2500).sweep(root, TODAY);

        assertThat(folders()).containsExactly("2026-11-24", "2026-11-25");
    }

    @Test
    void the_current_day_survives_even_when_it_alone_exceeds_the_cap() throws IOException {
        dayFolder(TODAY.minusDays(1), 100);
        dayFolder(TODAY, 5000);

        new LogRetention(30, 1000).sweep(root, TODAY);

        assertThat(folders()).containsExactly("2026-11-25");
    }

    @Test
    void entries_that_are_not_day_folders_are_left_alone() throws IOException {
        Files.createDirectories(root.resolve("archive"));
        Files.writeString(root.resolve("README"), "keep");
        dayFolder(TODAY.minusDays(400), 10);

        new LogRetention(1, 1).sweep(root, TODAY);

        assertThat(folders()).containsExactly("README", "archive");
    }

    @Test
    void a_missing_root_is_nothing_to_sweep() throws IOException {
        assertThat(new LogRetention(1, 1).sweep(root.resolve("absent"), TODAY)).isEmpty();
    }

    private void dayFolder(LocalDate day, int bytes) throws IOException {
        Path dir = Files.createDirectories(root.resolve(day.toString()));
        Files.write(dir.resolve("App.log"), new byte[bytes]);
    }

    private List<String> folders() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
