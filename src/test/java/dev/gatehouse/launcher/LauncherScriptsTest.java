package dev.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/gatehouse.cmd} cannot run here (no Windows), so this keeps it the twin of {@code
 * bin/gatehouse}: the same settings, messages and search order, every jump to a label that exists,
 * and the CRLF line endings {@code cmd.exe} needs for its labels.
 */
class LauncherScriptsTest {

    private static String read(String name) throws Exception {
        return Files.readString(Path.of("bin", name), StandardCharsets.UTF_8);
    }

    @Test
    void bothLaunchersHonourTheSameSettingsAndSayTheSameThings() throws Exception {
        for (String script : new String[] {read("gatehouse"), read("gatehouse.cmd")}) {
            assertThat(script)
                    .contains(
                            "JAVA_HOME",
                            "toolchains.xml",
                            "GATEHOUSE_JDK_SEARCH_PATH",
                            "GATEHOUSE_JAVA_OPTS",
                            "GATEHOUSE_JAR",
                            "gatehouse.jar",
                            "release",
                            "JAVA_VERSION",
                            "-version",
                            "no JDK %s or newer found; Gatehouse needs Java %s."
                                    .formatted(placeholder(script), placeholder(script)),
                            "Install a JDK " + placeholder(script),
                            "is missing; build it once with:",
                            "package -DskipTests");
        }
    }

    private static String placeholder(String script) {
        return script.contains("\r\n") ? "%REQUIRED%" : "$REQUIRED";
    }

    @Test
    void bothSearchJavaHomeThenPathThenToolchainsThenTheUsualPlaces() throws Exception {
        assertSearchOrder(
                read("gatehouse"),
                "JAVA_HOME:-}\"",
                "path_jdk)",
                "toolchain_homes)",
                "search_path)");
        assertSearchOrder(
                read("gatehouse.cmd"),
                "call :try \"%JAVA_HOME%\"",
                "%%~$PATH:j",
                "call :toolchain",
                "for /d %%d in");
    }

    private static void assertSearchOrder(String script, String... steps) {
        int at = -1;
        for (String step : steps) {
            int next = script.indexOf(step, at + 1);
            assertThat(next).as("%s after position %d", step, at).isGreaterThan(at);
            at = next;
        }
    }

    @Test
    void theWindowsLauncherHasCrlfLinesAndEveryLabelItJumpsTo() throws Exception {
        String cmd = read("gatehouse.cmd");
        assertThat(cmd.replace("\r\n", "")).doesNotContain("\n");

        Set<String> targets = new LinkedHashSet<>();
        Matcher jump = Pattern.compile("(?i)(?:call :|goto )(\\w+)").matcher(cmd);
        while (jump.find()) {
            targets.add(jump.group(1));
        }
        assertThat(targets).contains("try", "toolchain", "nojdk", "nojar");
        for (String label : targets) {
            assertThat(cmd).as("label :" + label).containsPattern("(?m)^:" + label + "$");
        }
    }

    @Test
    void theShellLauncherIsExecutable() {
        assertThat(Files.isExecutable(Path.of("bin", "gatehouse"))).isTrue();
    }
}
