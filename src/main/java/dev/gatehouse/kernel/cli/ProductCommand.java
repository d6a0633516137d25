package dev.gatehouse.kernel.cli;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * The bean that runs one of a product's maintenance commands ({@link CommandUsage}), on a node
 * without listeners, like the kernel's own: it prints what it did, prints a secret it creates once
 * and never logs it, and returns the exit status (0 done, 1 failed, 2 usage error).
 */
public interface ProductCommand {

    /** The {@link CommandUsage#verb} it runs. */
    String verb();

    /** Runs it with the {@code --flag value} pairs given after the verb. */
    int run(Map<String, String> flags, Terminal terminal);

    /** A command made of its verb and what runs it. */
    static ProductCommand of(String verb, BiFunction<Map<String, String>, Terminal, Integer> run) {
        return new ProductCommand() {
            @Override
            public String verb() {
                return verb;
            }

            @Override
            public int run(Map<String, String> flags, Terminal terminal) {
                return run.apply(flags, terminal);
            }
        };
    }
}
