package dev.gatehouse.dist;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One finished command: its exit status and what it printed (standard output and error). */
record Exec(List<String> command, int status, String output) {

    /**
     * Runs {@code command} to its end; fails the test when it takes longer than {@code timeout}.
     */
    static Exec run(Duration timeout, List<String> command) {
        Path out = null;
        try {
            out = Files.createTempFile("gh-exec-", ".out");
            Process process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(out.toFile())
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout);
            }
            return new Exec(
                    command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }

    static Exec run(Duration timeout, String... command) {
        return run(timeout, List.of(command));
    }

    /** Whether {@code program} is an executable file in one of the {@code PATH} folders. */
    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return java.util.Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    @Override
    public String toString() {
        return String.join(" ", command) + " -> " + status + "\n" + output;
    }
}
