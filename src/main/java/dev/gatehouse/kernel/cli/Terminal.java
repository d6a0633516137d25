package dev.gatehouse.kernel.cli;

import java.io.PrintStream;

/**
 * Where the command line and the first-boot bootstrap speak to the person at the terminal. Kept
 * apart from logging on purpose: one-time credentials are shown here exactly once and must not be
 * masked, while logs must never carry them.
 */
public final class Terminal {

    private final PrintStream out;
    private final PrintStream err;

    public Terminal(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Lines for the person running the command. */
    public void say(String line) {
        out.println(line);
        out.flush();
    }

    /** Lines about what went wrong. */
    public void complain(String line) {
        err.println(line);
        err.flush();
    }
}
