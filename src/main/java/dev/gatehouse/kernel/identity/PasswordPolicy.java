package dev.gatehouse.kernel.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a new password must be (NIST SP 800-63B style): 12 to 256 characters (counted in code
 * points), not on the list of common passwords (case-insensitive), not the user's own e-mail
 * address. No composition rules. Immutable and thread-safe.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    static final String COMMON_PASSWORDS = "/identity/common-passwords.txt";

    /** The outcome of {@link #check}. */
    public sealed interface Verdict {
        record Acceptable() implements Verdict {}

        /**
         * Not acceptable; {@code message} is fit to show the user and never echoes the password.
         */
        record Rejected(Rule rule, String message) implements Verdict {}
    }

    /** The rule a rejected password broke. */
    public enum Rule {
        TOO_SHORT,
        TOO_LONG,
        COMMON,
        EQUALS_EMAIL,
        /** Checked by the password change itself, which alone knows the current password. */
        SAME_AS_CURRENT
    }

    private final Set<String> common;

    PasswordPolicy(Set<String> common) {
        this.common = Set.copyOf(common);
    }

    /** The policy with the bundled list of common passwords. */
    public static PasswordPolicy standard() {
        return new PasswordPolicy(load());
    }

    public Verdict check(String password, String email) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(email, "email");
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return new Verdict.Rejected(
                    Rule.TOO_SHORT,
                    "Use at least " + MIN_LENGTH + " characters; this one has " + length + ".");
        }
        if (length > MAX_LENGTH) {
            return new Verdict.Rejected(
                    Rule.TOO_LONG,
                    "Use at most " + MAX_LENGTH + " characters; this one has " + length + ".");
        }
        String folded = password.toLowerCase(Locale.ROOT);
        if (common.contains(folded)) {
            return new Verdict.Rejected(
                    Rule.COMMON, "This password is too common; choose another.");
        }
        if (folded.strip().equals(email.strip().toLowerCase(Locale.ROOT))) {
            return new Verdict.Rejected(
                    Rule.EQUALS_EMAIL, "Do not use your e-mail address as your password.");
        }
        return new Verdict.Acceptable();
    }

    /** How many common passwords the policy knows; for tests and start-up checks. */
    int commonCount() {
        return common.size();
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
            if (in == null) {
                throw new IllegalStateException(
                        "classpath resource " + COMMON_PASSWORDS + " is missing");
            }
            Set<String> words = new HashSet<>();
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + COMMON_PASSWORDS + " failed", e);
        }
    }
}
