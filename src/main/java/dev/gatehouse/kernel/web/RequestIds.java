package dev.gatehouse.kernel.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Request ids ({@code ref}): {@code req_} plus 26 Crockford base-32 characters, a ULID (48 bits of
 * milliseconds, then 80 random bits), so ids sort by time; every request gets a new one. A client's
 * own {@code X-Request-Id} is never a ref: it is recorded beside it as the correlation id, and only
 * when it matches {@code ^[A-Za-z0-9._-]{8,64}$}. Thread-safe.
 */
public final class RequestIds {

    private static final Pattern ACCEPTABLE = Pattern.compile("^[A-Za-z0-9._-]{8,64}$");
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final SecureRandom random;

    public RequestIds(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** True when an inbound {@code X-Request-Id} may be recorded as the correlation id. */
    public static boolean isAcceptable(@org.jspecify.annotations.Nullable String inbound) {
        return inbound != null && ACCEPTABLE.matcher(inbound).matches();
    }

    /** A new id, {@code req_} and 26 characters. */
    public String next() {
        char[] out = new char[26];
        long millis = clock.millis();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (bytes[i] & 0xff);
            lo = (lo << 8) | (bytes[i + 5] & 0xff);
        }
        for (int i = 7; i >= 0; i--) {
            out[10 + i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
            out[18 + i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return "req_" + new String(out);
    }
}
