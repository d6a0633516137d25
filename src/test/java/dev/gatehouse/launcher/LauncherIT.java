package dev.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code bin/gatehouse} runs the packaged jar (failsafe runs after {@code package}) on a JDK 25
 * found by itself while the {@code java} on {@code PATH} and {@code JAVA_HOME} are Debian's Java
 * 17, and says what to install when there is no JDK 25 anywhere.
 */
class LauncherIT {

    @TempDir Path workDir;

    @BeforeAll
    static void theJavaOnThePathIsOlderThan25() throws Exception {
        Process version =
                new ProcessBuilder(Launch.JAVA_17.resolve("bin/java").toString(), "-version")
                        .redirectErrorStream(true)
                        .start();
        assertThat(new String(version.getInputStream().readAllBytes()))
                .as("this test needs Debian's Java 17 at " + Launch.JAVA_17)
                .contains("version \"17.");
    }

    /** The environment of a shell whose java is 17, with the user's home (and its JDKs). */
    private static Map<String, String> olderJava() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", Launch.PATH_WITH_JAVA_17);
        env.put("JAVA_HOME", Launch.JAVA_17.toString());
        env.put("HOME", System.getProperty("user.home"));
        return env;
    }

    @Test
    void helpRunsOnAJdk25ThoughTheJavaOnPathIs17() {
        Launch help = Launch.run(olderJava(), workDir, "--help");

        assertThat(help.status()).as(help.toString()).isZero();
        assertThat(help.out())
                .as(help.toString())
                .contains("Usage: gatehouse [command]", "operator-key create --name N");
        assertThat(help.err()).as(help.toString()).doesNotContain("UnsupportedClassVersionError");
    }

    @Test
    void aCommandRunsAgainstTheDatabaseAndKeepsTheJarsExitStatus() {
        Map<String, String> env = new HashMap<>(TestNode.environment(Map.of()));
        env.putAll(olderJava());

        Launch created =
                Launch.run(env, workDir, "operator-key", "create", "--name", "by-launcher");

        assertThat(created.status()).as(created.toString()).isZero();
        assertThat(created.out()).as(created.toString()).containsPattern("gk_[0-9A-Za-z]{43}");
        String database = env.get("DATABASE_NAME_FOR_TESTS");
        assertThat(
                        JdbcClient.create(TestDatabase.ownerOf(database))
                                .sql("select count(*) from api_keys where name = 'by-launcher'")
                                .query(Integer.class)
                                .single())
                .isEqualTo(1);

        Launch usage = Launch.run(env, workDir, "audit", "prune", "--before", "yesterday");
        assertThat(usage.status()).as(usage.toString()).isEqualTo(2);
    }

    @Test
    void withNoJdk25AnywhereItSaysWhatToInstallAndExits1() throws Exception {
        Path emptyHome = Files.createDirectory(workDir.resolve("home"));
        Path noJdks = Files.createDirectory(workDir.resolve("jdks"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", Launch.PATH_WITH_JAVA_17);
        env.put("HOME", emptyHome.toString());
        env.put("GATEHOUSE_JDK_SEARCH_PATH", noJdks.toString());

        Launch none = Launch.run(env, workDir, "--help");

        assertThat(none.status()).as(none.toString()).isEqualTo(1);
        assertThat(none.out()).isEmpty();
        assertThat(none.err())
                .contains(
                        "gatehouse: no JDK 25 or newer found; Gatehouse needs Java 25.",
                        "JAVA_HOME (unset)",
                        noJdks.toString(),
                        "Install a JDK 25 (for example Eclipse Temurin 25");
    }

    @Test
    void aJdk25NamedOnlyInTheMavenToolchainsIsFound() throws Exception {
        Path home = Files.createDirectories(workDir.resolve("home/.m2"));
        Files.writeString(
                home.resolve("toolchains.xml"),
                """
                <toolchains>
                  <toolchain><type>jdk</type><provides><version>17</version></provides>
                    <configuration><jdkHome>%s</jdkHome></configuration></toolchain>
                  <toolchain><type>jdk</type><provides><version>25</version></provides>
                    <configuration>
                      <jdkHome>
                        %s
                      </jdkHome>
                    </configuration></toolchain>
                </toolchains>
                """
                        .formatted(Launch.JAVA_17, Path.of(System.getProperty("java.home"))));
        Map<String, String> env = olderJava();
        env.put("HOME", workDir.resolve("home").toString());
        env.put(
                "GATEHOUSE_JDK_SEARCH_PATH",
                Files.createDirectory(workDir.resolve("jdks")).toString());

        Launch help = Launch.run(env, workDir, "--help");

        assertThat(help.status()).as(help.toString()).isZero();
        assertThat(help.out()).contains("Usage: gatehouse [command]");
    }

    @Test
    void aMissingJarIsNamedWithTheCommandThatBuildsIt() {
        Map<String, String> env = olderJava();
        env.put("GATEHOUSE_JAR", workDir.resolve("nowhere/gatehouse.jar").toString());

        Launch missing = Launch.run(env, workDir, "--help");

        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err())
                .contains(workDir.resolve("nowhere/gatehouse.jar") + " is missing")
                .contains("./mvnw -B package -DskipTests");
    }
}
