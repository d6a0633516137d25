package dev.gatehouse.domains.webhooks;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com), as a sender makes them and a receiver checks
 * them.
 *
 * <p>The signed content is {@code id + "." + timestamp + "." + body} (the body's UTF-8 bytes,
 * exactly as sent); the signature is HMAC-SHA256 under the key, which is the base64 text after
 * {@code whsec_} decoded. Headers: {@code webhook-id} (the event id, the same on every retry),
 * {@code webhook-timestamp} (unix seconds of this attempt) and {@code webhook-signature} ({@code
 * v1,<base64>}; a receiver accepts a space-separated list and any one that matches). A receiver
 * refuses timestamps more than {@link #TOLERANCE} away from its clock, so a captured request cannot
 * be replayed later.
 *
 * <p>Pure and thread-safe. Callers own the key arrays they pass in and should zero them.
 */
public final class WebhookSigner {

    public static final String SECRET_PREFIX = "whsec_";
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final int MAX_SIGNATURES = 10;

    private WebhookSigner() {}

    /** The three headers of one attempt. */
    public record Headers(String id, String timestamp, String signature) {}

    /** The outcome of {@link #verify}. */
    public sealed interface Verification {

        record Valid() implements Verification {}

        /**
         * @param reason {@code missing_header}, {@code bad_timestamp}, {@code stale_timestamp} or
         *     {@code no_match}
         */
        record Invalid(String reason) implements Verification {}

        default boolean valid() {
            return this instanceof Valid;
        }
    }

    /**
     * The signing key inside a secret: the base64 after the {@code whsec_} prefix (the prefix is
     * optional, as the reference implementations have it).
     *
     * @throws IllegalArgumentException when the rest is not base64 or is empty
     */
    public static byte[] key(String secret) {
        Objects.requireNonNull(secret, "secret");
        String encoded =
                secret.startsWith(SECRET_PREFIX)
                        ? secret.substring(SECRET_PREFIX.length())
                        : secret;
        byte[] key = Base64.getDecoder().decode(encoded);
        if (key.length == 0) {
            throw new IllegalArgumentException("a webhook secret needs a non-empty key");
        }
        return key;
    }

    /**
     * {@link #key(String)} of a secret held as its UTF-8 bytes (as the vault reveals it), without
     * making a String.
     */
    public static byte[] key(byte[] secretUtf8) {
        byte[] prefix = SECRET_PREFIX.getBytes(StandardCharsets.US_ASCII);
        boolean prefixed =
                secretUtf8.length >= prefix.length
                        && Arrays.equals(secretUtf8, 0, prefix.length, prefix, 0, prefix.length);
        byte[] encoded =
                prefixed
                        ? Arrays.copyOfRange(secretUtf8, prefix.length, secretUtf8.length)
                        : secretUtf8.clone();
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            if (key.length == 0) {
                throw new IllegalArgumentException("a webhook secret needs a non-empty key");
            }
            return key;
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** The headers for sending {@code body} as event {@code id} at {@code at}. */
    public static Headers sign(byte[] key, String id, Instant at, String body) {
        long timestamp = at.getEpochSecond();
        return new Headers(id, Long.toString(timestamp), signature(key, id, timestamp, body));
    }

    /** {@code v1,<base64 HMAC-SHA256(key, id.timestamp.body)>}. */
    public static String signature(byte[] key, String id, long timestamp, String body) {
        return "v1,"
                + Base64.getEncoder().encodeToString(mac(key, id + "." + timestamp + "." + body));
    }

    /**
     * Checks a received request as a receiver should: the timestamp within {@link #TOLERANCE} of
     * {@code now}, and one of the {@code v1} signatures equal (compared in constant time) to the
     * one computed over the raw body.
     */
    public static Verification verify(
            byte[] key,
            @Nullable String id,
            @Nullable String timestamp,
            @Nullable String signatures,
            String body,
            Instant now) {
        if (id == null || timestamp == null || signatures == null) {
            return new Verification.Invalid("missing_header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return new Verification.Invalid("bad_timestamp");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return new Verification.Invalid("stale_timestamp");
        }
        byte[] expected = mac(key, id + "." + seconds + "." + body);
        String[] candidates = signatures.trim().split(" +");
        boolean match = false;
        for (int i = 0; i < Math.min(candidates.length, MAX_SIGNATURES); i++) {
            match |= matches(candidates[i], expected);
        }
        return match ? new Verification.Valid() : new Verification.Invalid("no_match");
    }

    private static boolean matches(String candidate, byte[] expected) {
        if (!candidate.startsWith("v1,")) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(candidate.substring(3));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }

    private static byte[] mac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
        }
    }
}
