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
 * {@code tools/JteGenerate.java}, run as Maven runs it (JTE from the class path): templates become
 * Java sources in JTE's precompiled package, regenerated files with unchanged content get their
 * earlier timestamps back so the compiler has nothing to do, and the stamp Maven's up-to-date check
 * reads is touched.
 */
class JteGenerateTest {

    private static final FileTime EARLIER = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
    private static final String PACKAGE_DIR = "gg/jte/generated/precompiled/";

    @TempDir Path dir;

    private String run() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p =
                new ProcessBuilder(
                                java.toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                Path.of("tools/JteGenerate.java").toAbsolutePath().toString(),
                                dir.resolve("templates").toString(),
                                dir.resolve("generated").toString(),
                                dir.resolve("previous").toString(),
                                dir.resolve("jte.ok").toString(),
                                "dev.example/example")
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private Path generated(String name) {
        return dir.resolve("generated").resolve(PACKAGE_DIR + "Jte" + name + "Generated.java");
    }

    private Path previous(String name) {
        return dir.resolve("previous").resolve(PACKAGE_DIR + "Jte" + name + "Generated.java");
    }

    @Test
    void generatesThePrecompiledSourcesAndKeepsTheTimestampsOfUnchangedOnes() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("same.jte"), "@param String name\n<p>${name}</p>\n");
        Files.writeString(templates.resolve("edited.jte"), "<p>before</p>\n");
        Files.writeString(templates.resolve("removed.jte"), "<p>gone soon</p>\n");

        assertThat(run()).contains("3 templates", "0 unchanged", "3 new or changed");
        assertThat(Files.readString(generated("same")))
                .contains("package gg.jte.generated.precompiled;", "String name");
        assertThat(dir.resolve("jte.ok")).exists();
        for (String name : new String[] {"same", "edited", "removed"}) {
            Files.setLastModifiedTime(previous(name), EARLIER);
        }
        Files.setLastModifiedTime(dir.resolve("jte.ok"), EARLIER);

        // A template is edited and one removed: everything is generated anew, as JTE does.
        Files.writeString(templates.resolve("edited.jte"), "<p>after</p>\n");
        Files.delete(templates.resolve("removed.jte"));
        String out = run();

        assertThat(out).contains("2 templates", "1 unchanged (timestamps kept), 1 new or changed");
        assertThat(Files.getLastModifiedTime(generated("same"))).isEqualTo(EARLIER);
        assertThat(Files.getLastModifiedTime(generated("edited"))).isGreaterThan(EARLIER);
        assertThat(Files.readString(previous("edited"))).contains("after");
        assertThat(generated("removed")).doesNotExist();
        assertThat(previous("removed")).doesNotExist();
        assertThat(Files.getLastModifiedTime(dir.resolve("jte.ok"))).isGreaterThan(EARLIER);
    }
}
