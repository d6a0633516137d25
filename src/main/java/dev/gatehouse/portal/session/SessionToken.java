package dev.gatehouse.portal.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/** The random value in the session cookie; prints redacted, stored only as its SHA-256. */
public final class SessionToken {

    private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final String value;

    private SessionToken(String value) {
        this.value = value;
    }

    static SessionToken generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new SessionToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    static Optional<SessionToken> parse(String cookie) {
        return SHAPE.matcher(cookie).matches()
                ? Optional.of(new SessionToken(cookie))
                : Optional.empty();
    }

    /** For the Set-Cookie header only. */
    public String cookieValue() {
        return value;
    }

    byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
