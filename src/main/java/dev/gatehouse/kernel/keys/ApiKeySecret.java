package dev.gatehouse.kernel.keys;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The plaintext of an API key, {@code gk_} + 43 base62 characters (256 random bits). Exists only
 * between minting and the one response that shows it, and between a request's header and its hash.
 * {@link #toString()} prints the last 4 characters only.
 */
public final class ApiKeySecret {

    static final String PREFIX = "gk_";
    static final int BODY_LENGTH = 43;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern SHAPE = Pattern.compile("^gk_[0-9A-Za-z]{43}$");

    private final String value;

    private ApiKeySecret(String value) {
        this.value = value;
    }

    /** 43 base62 characters carry 256.1 bits; each is drawn without modulo bias. */
    static ApiKeySecret generate(SecureRandom random) {
        StringBuilder sb = new StringBuilder(PREFIX.length() + BODY_LENGTH).append(PREFIX);
        while (sb.length() < PREFIX.length() + BODY_LENGTH) {
            int r = random.nextInt() & 0xFF;
            if (r < 248) {
                sb.append(BASE62[r % 62]);
            }
        }
        return new ApiKeySecret(sb.toString());
    }

    /** Parses a presented key; a malformed one is refused before any lookup. */
    static java.util.Optional<ApiKeySecret> parse(String presented) {
        return SHAPE.matcher(presented).matches()
                ? java.util.Optional.of(new ApiKeySecret(presented))
                : java.util.Optional.empty();
    }

    /** The full key, for the one response that reveals it. */
    public String reveal() {
        return value;
    }

    public String last4() {
        return value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return "gk_…" + last4();
    }
}
