package dev.gatehouse.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * {@code tools/StableTimestamps.java}, run as Maven runs it: regenerated files with unchanged
 * content get their earlier timestamps back, so the compiler has nothing to do.
 */
class StableTimestampsTest {

    private static final FileTime EARLIER = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir Path dir;

    private String run(Path generated, Path shadow) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p =
                new ProcessBuilder(
                                java.toString(),
                                Path.of("tools/StableTimestamps.java").toAbsolutePath().toString(),
                                generated.toString(),
                                shadow.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void unchangedFilesGetTheirEarlierTimeAndChangedOnesKeepTheirNewOne() throws Exception {
        Path generated = dir.resolve("generated/gg/jte");
        Path shadow = dir.resolve("previous");
        Files.createDirectories(generated);
        Files.writeString(generated.resolve("Same.java"), "class Same {}");
        Files.writeString(generated.resolve("Edited.java"), "class Edited {}");
        Files.writeString(generated.resolve("Removed.java"), "class Removed {}");
        assertThat(run(dir.resolve("generated"), shadow)).contains("0 unchanged", "3 new");
        for (String name : new String[] {"Same", "Edited", "Removed"}) {
            Files.setLastModifiedTime(shadow.resolve("gg/jte/" + name + ".java"), EARLIER);
        }

        // The generator runs again: deletes everything, writes it anew, one file differs, one is
        // gone.
        Files.writeString(generated.resolve("Same.java"), "class Same {}");
        Files.writeString(generated.resolve("Edited.java"), "class Edited { int x; }");
        Files.delete(generated.resolve("Removed.java"));
        String out = run(dir.resolve("generated"), shadow);

        assertThat(out).contains("1 unchanged (timestamps kept), 1 new or changed");
        assertThat(Files.getLastModifiedTime(generated.resolve("Same.java"))).isEqualTo(EARLIER);
        assertThat(Files.getLastModifiedTime(generated.resolve("Edited.java")))
                .isGreaterThan(EARLIER);
        assertThat(Files.readString(shadow.resolve("gg/jte/Edited.java")))
                .isEqualTo("class Edited { int x; }");
        assertThat(shadow.resolve("gg/jte/Removed.java")).doesNotExist();
    }
}
