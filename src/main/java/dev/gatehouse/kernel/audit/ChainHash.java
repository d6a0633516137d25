package dev.gatehouse.kernel.audit;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The hash of one chain link: {@code SHA-256(prev_hash || canonical bytes of the event)}.
 *
 * <p>Canonical bytes: a version tag, then the stored columns in {@link EventRow#COLUMNS} order,
 * each as {@code 0x00} when null or {@code 0x01}, a 4-byte big-endian length and the UTF-8 bytes.
 * {@code tenant_id} is its decimal text, {@code occurred_at} the decimal count of microseconds
 * since the epoch, and {@code details} the JSON re-serialized with sorted keys and no whitespace,
 * so the jsonb storage order does not matter. Changing this encoding breaks every existing chain:
 * version it instead, as {@code correlation_id} did.
 *
 * <ul>
 *   <li>{@code gatehouse.audit.v1}: the fifteen columns from {@code public_id} to {@code details}.
 *       Every row without a {@code correlation_id}, so every row stored before that column existed
 *       (V12) hashes exactly as when it was sealed.
 *   <li>{@code gatehouse.audit.v2}: the same fifteen, then {@code correlation_id}; every row that
 *       has one. The tag is part of the hashed bytes, so clearing or setting the column afterwards
 *       changes the hash like any other edit.
 * </ul>
 *
 * <p>Thread-safe.
 */
final class ChainHash {

    /** The {@code prev_hash} of the first link of a chain that was never pruned. */
    static final byte[] GENESIS = new byte[32];

    private static final byte[] V1 = "gatehouse.audit.v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] V2 = "gatehouse.audit.v2".getBytes(StandardCharsets.UTF_8);

    private final JsonMapper canonicalJson =
            JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    byte[] link(byte[] prevHash, EventRow row) {
        MessageDigest sha = sha256();
        sha.update(prevHash);
        sha.update(canonical(row));
        return sha.digest();
    }

    byte[] canonical(EventRow row) {
        var out = new ByteArrayOutputStream(256 + row.detailsJson().length());
        out.writeBytes(row.correlationId() == null ? V1 : V2);
        field(out, row.publicId());
        field(out, row.tenantId() == null ? null : Long.toString(row.tenantId()));
        field(out, Long.toString(micros(row.occurredAt())));
        field(out, row.ref());
        field(out, row.actorType());
        field(out, row.actorId());
        field(out, row.actorLabel());
        field(out, row.action());
        field(out, row.targetType());
        field(out, row.targetId());
        field(out, row.decision());
        field(out, row.reason());
        field(out, row.ip());
        field(out, row.userAgent());
        field(out, canonicalJson(row.detailsJson()));
        if (row.correlationId() != null) {
            field(out, row.correlationId());
        }
        return out.toByteArray();
    }

    String canonicalJson(String json) {
        JsonNode node = canonicalJson.readTree(json);
        return canonicalJson.writeValueAsString(node);
    }

    static long micros(Instant instant) {
        return Math.addExact(
                Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                instant.getNano() / 1_000);
    }

    private static void field(ByteArrayOutputStream out, @Nullable String value) {
        if (value == null) {
            out.write(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(1);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
