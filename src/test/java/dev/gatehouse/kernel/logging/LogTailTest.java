package dev.gatehouse.kernel.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

class LogTailTest {

    private static final LogComponent PAYMENTS =
            new LogComponent("Sync-Payments", "dev.gatehouse.erpsync.payments");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    @TempDir Path root;

    @Test
    void keepsTheLastMatchingLinesOldestFirst() throws IOException {
        write(
                IntStream.rangeClosed(1, 50)
                        .mapToObj(i -> (i % 2 == 0 ? "even " : "odd ") + i)
                        .collect(Collectors.joining("\n", "", "\n")));

        assertThat(new LogTail(root).last(PAYMENTS, DAY, 3, l -> l.startsWith("even")))
                .containsExactly("even 46", "even 48", "even 50");
        assertThat(new LogTail(root).last(PAYMENTS, DAY, 1000, l -> true)).hasSize(50);
    }

    @Test
    void aMissingFileOrNoLogPathIsEmpty() throws IOException {
        write("a line\n");

        assertThat(new LogTail(root).last(PAYMENTS, DAY.minusDays(1), 10, l -> true)).isEmpty();
        assertThat(new LogTail(root).last(LogComponent.KERNEL, DAY, 10, l -> true)).isEmpty();
        assertThat(new LogTail(null).last(PAYMENTS, DAY, 10, l -> true)).isEmpty();
        assertThat(new LogTail(null).enabled()).isFalse();
        assertThatThrownBy(() -> new LogTail(root).last(PAYMENTS, DAY, 0, l -> true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOverlongLineIsSkipped() throws IOException {
        write("short\n" + "x".repeat(LogTail.MAX_LINE_CHARS + 1) + "\nlast\n");

        assertThat(new LogTail(root).last(PAYMENTS, DAY, 10, l -> true))
                .containsExactly("short", "last");
    }

    private void write(String text) throws IOException {
        Path dir = Files.createDirectories(root.resolve(DAY.toString()));
        Files.writeString(dir.resolve(PAYMENTS.fileName()), text, StandardCharsets.UTF_8);
    }
}
