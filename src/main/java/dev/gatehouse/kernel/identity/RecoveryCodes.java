package dev.gatehouse.kernel.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ten single-use recovery codes a user receives when enabling TOTP, shown once. Each is 12
 * characters from 31 without look-alikes (about 59 bits), grouped {@code xxxx-xxxx-xxxx}; only the
 * SHA-256 of the normalized code (lowercase, no separators or spaces) is stored. {@link
 * #toString()} prints {@code [redacted]}.
 */
public final class RecoveryCodes {

    static final int COUNT = 10;
    static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int GROUP = 4;
    private static final int GROUPS = 3;

    private final List<String> codes;

    private RecoveryCodes(List<String> codes) {
        this.codes = List.copyOf(codes);
    }

    static RecoveryCodes generate(SecureRandom random) {
        List<String> codes = new ArrayList<>(COUNT);
        while (codes.size() < COUNT) {
            StringBuilder sb = new StringBuilder();
            for (int g = 0; g < GROUPS; g++) {
                sb.append(g == 0 ? "" : "-").append(OneTimePasswords.draw(random, ALPHABET, GROUP));
            }
            if (!codes.contains(sb.toString())) {
                codes.add(sb.toString());
            }
        }
        return new RecoveryCodes(codes);
    }

    /** The codes, for the one screen that shows them. */
    public List<String> reveal() {
        return codes;
    }

    /** The stored hashes of these codes. */
    List<byte[]> hashes() {
        return codes.stream().map(RecoveryCodes::hash).toList();
    }

    /** True when {@code presented} has the shape of a recovery code (after normalizing). */
    static boolean looksLikeOne(String presented) {
        String n = normalize(presented);
        return n.length() == GROUP * GROUPS && n.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    /** SHA-256 of the normalized code. */
    static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(normalize(code).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    static String normalize(String code) {
        return code.toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "").strip();
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
