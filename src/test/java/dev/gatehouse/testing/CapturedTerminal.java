package dev.gatehouse.testing;

import dev.gatehouse.kernel.cli.Terminal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A {@link Terminal} whose output a test can read. */
public final class CapturedTerminal {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Terminal terminal =
            new Terminal(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

    public Terminal terminal() {
        return terminal;
    }

    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The value after {@code label} on the first line that has it. */
    public String valueAfter(String label) {
        return out().lines()
                .filter(l -> l.startsWith(label))
                .findFirst()
                .map(l -> l.substring(label.length()).strip())
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no line starting with \"" + label + "\" in:\n" + out()));
    }
}
