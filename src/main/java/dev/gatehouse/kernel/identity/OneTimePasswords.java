package dev.gatehouse.kernel.identity;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Makes {@link OneTimePassword}s: 20 characters from an alphabet without look-alikes ({@code 0 O o
 * 1 l I i}), about 115 bits, each character drawn uniformly. Thread-safe if the {@code
 * SecureRandom} is.
 */
public final class OneTimePasswords {

    static final int LENGTH = 20;
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";

    private final SecureRandom random;

    public OneTimePasswords(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public OneTimePassword next() {
        return new OneTimePassword(draw(random, ALPHABET, LENGTH));
    }

    /** {@code length} characters of {@code alphabet}, uniformly. */
    static String draw(SecureRandom random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
