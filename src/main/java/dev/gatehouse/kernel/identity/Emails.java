package dev.gatehouse.kernel.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * E-mail addresses as identity stores and shows them: lowercased, checked loosely, masked for logs.
 */
final class Emails {

    static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private Emails() {}

    /** The stored form: stripped and lowercased. */
    static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Why {@code normalized} is not a usable address, if it is not. */
    static Optional<String> problem(String normalized) {
        if (normalized.length() > MAX_LENGTH) {
            return Optional.of(
                    "must be at most " + MAX_LENGTH + " characters, was " + normalized.length());
        }
        if (!SHAPE.matcher(normalized).matches()) {
            return Optional.of("must look like name@example.com");
        }
        return Optional.empty();
    }

    /** {@code ***@example.com}: the domain only, for audit rows about unknown accounts. */
    static String mask(String email) {
        int at = email.lastIndexOf('@');
        String domain = at < 0 ? "" : email.substring(at + 1);
        if (domain.isEmpty() || domain.length() > 100) {
            return "***";
        }
        return "***@" + domain;
    }
}
