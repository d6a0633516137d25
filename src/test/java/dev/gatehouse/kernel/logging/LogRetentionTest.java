package dev.gatehouse.kernel.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

class LogRetentionTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @TempDir Path root;

    @Test
    void foldersOlderThanTheRetentionWindowAreDeleted() throws IOException {
        for (int back = 0; back < 6; back++) {
            dayFolder(TODAY.minusDays(back), 10);
        }

        var deleted = new LogRetention(3, 1_000_000).sweep(root, TODAY);

        assertThat(deleted).hasSize(3);
        assertThat(folders()).containsExactly("2026-11-23", "2026-11-24", "2026-11-25");
    }

    @Test
    void oldestFoldersGoFirstUntilTheTotalFitsTheCap() throws IOException {
        for (int back = 0; back < 5; back++) {
            dayFolder(TODAY.minusDays(back), 1000);
        }

        new LogRetention(30, 2500).sweep(root, TODAY);

        assertThat(folders()).containsExactly("2026-11-24", "2026-11-25");
    }

    @Test
    void theCurrentDaySurvivesEvenWhenItAloneExceedsTheCap() throws IOException {
        dayFolder(TODAY.minusDays(1), 100);
        dayFolder(TODAY, 5000);

        new LogRetention(30, 1000).sweep(root, TODAY);

        assertThat(folders()).containsExactly("2026-11-25");
    }

    @Test
    void entriesThatAreNotDayFoldersAreLeftAlone() throws IOException {
        Files.createDirectories(root.resolve("archive"));
        Files.writeString(root.resolve("README"), "keep");
        dayFolder(TODAY.minusDays(400), 10);

        new LogRetention(1, 1).sweep(root, TODAY);

        assertThat(folders()).containsExactly("README", "archive");
    }

    @Test
    void aMissingRootIsNothingToSweep() throws IOException {
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
