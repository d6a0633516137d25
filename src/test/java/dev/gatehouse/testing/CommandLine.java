package dev.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.GatehouseApplication;

import java.nio.file.Path;
import java.util.Map;

/** Runs one {@code gatehouse} command line task in this JVM, as {@code main} would. */
public final class CommandLine {

    private CommandLine() {}

    /** Runs {@code args} with {@code env}; fails the test unless the exit status is 0. */
    public static CapturedTerminal succeeds(Map<String, String> env, Path workDir, String... args) {
        CapturedTerminal terminal = new CapturedTerminal();
        int status = GatehouseApplication.run(args, env, workDir, terminal.terminal());
        assertThat(status).as(String.join(" ", args) + ": " + terminal.err()).isZero();
        return terminal;
    }
}
