package dev.gatehouse.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of {@code bin/gatehouse} as a separate process with exactly the given environment. */
record Launch(int status, String out, String err) {

    static final Path LAUNCHER = Path.of("bin", "gatehouse").toAbsolutePath();

    /** Debian's default JDK, older than the 25 Gatehouse needs. */
    static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

    /** A {@code PATH} whose {@code java} is Debian's Java 17. */
    static final String PATH_WITH_JAVA_17 = JAVA_17.resolve("bin") + ":/usr/bin:/bin";

    static Launch run(Map<String, String> env, Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            Path out = Files.createTempFile(workDir, "out", ".txt");
            Path err = Files.createTempFile(workDir, "err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            Duration limit = Duration.ofMinutes(2);
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + limit);
            }
            return new Launch(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- out:\n" + out + "\n--- err:\n" + err;
    }
}
