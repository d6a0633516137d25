package dev.gatehouse.gateway.access;

import org.jspecify.annotations.Nullable;

import java.util.regex.Pattern;

/**
 * The limits on what accounts, actors and credential sets are made of, in one place for the API and
 * the portal: names of 1 to {@value #MAX_NAME} characters without control characters, e-mail
 * addresses of at most {@value #MAX_EMAIL}, credential expiry within {@value #MAX_EXPIRY_DAYS}
 * days. Pure.
 */
public final class AccessLimits {

    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_EXPIRY_DAYS = 3650;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private AccessLimits() {}

    /** The stripped name, or null when it is empty, too long or holds control characters. */
    public static @Nullable String name(String raw) {
        String s = raw.strip();
        if (s.isEmpty() || s.length() > MAX_NAME || s.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return s;
    }

    /** True when the stripped {@code raw} is an e-mail address of at most {@value #MAX_EMAIL}. */
    public static boolean isEmail(String raw) {
        String s = raw.strip();
        return s.length() <= MAX_EMAIL && EMAIL.matcher(s).matches();
    }
}
