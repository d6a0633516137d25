package dev.gatehouse.kernel.audit;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Mints {@code evt_} ids: 26 lower-case Crockford base32 characters of 128 bits, the first 48 of
 * which are the millisecond time (so ids sort roughly by time, like a UUIDv7) and the remaining 80
 * random. Thread-safe.
 */
final class EventIds {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private final Clock clock;
    private final SecureRandom random;

    EventIds(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    String next() {
        long high = (clock.millis() & 0xFFFF_FFFF_FFFFL) << 16 | (random.nextInt() & 0xFFFF);
        long low = random.nextLong();
        char[] out = new char[26];
        // 130 bits of output for 128 bits of input: the top two bits are zero.
        for (int i = 25; i >= 0; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low = (low >>> 5) | ((high & 31) << 59);
            high >>>= 5;
        }
        return "evt_" + new String(out);
    }
}
