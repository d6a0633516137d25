package dev.gatehouse.kernel.cli;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A maintenance command a product adds to {@code gatehouse}, as its {@code ProductModule} declares
 * it: plain data, so {@code gatehouse --help} and the check of a command's name work before Spring
 * starts. The product's {@link ProductCommand} bean with the same {@link #verb} runs it.
 *
 * @param verb the group and the verb, such as {@code license issue}: two lower-case words
 * @param usage the rest of its usage line: flags, then two spaces and what it does
 */
public record CommandUsage(String verb, String usage) {

    /** The kernel's own command groups, which no product may take. */
    public static final Set<String> KERNEL_GROUPS =
            Set.of("tenant", "operator-key", "vault", "audit", "user");

    private static final Pattern VERB = Pattern.compile("^[a-z][a-z-]{1,19} [a-z][a-z-]{1,19}$");

    public CommandUsage {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(usage, "usage");
        if (!VERB.matcher(verb).matches()) {
            throw new IllegalArgumentException(
                    "command " + verb + " must be two lower-case words (" + VERB.pattern() + ")");
        }
    }

    /** The first word: what {@code gatehouse <group> …} is checked against. */
    public String group() {
        return verb.substring(0, verb.indexOf(' '));
    }
}
