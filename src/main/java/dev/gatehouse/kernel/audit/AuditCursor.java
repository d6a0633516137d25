package dev.gatehouse.kernel.audit;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the next page starts: opaque to clients, base64url (no padding) of the last event's
 * 8-byte internal position. {@link #decode} accepts only what {@link #encode} produces.
 *
 * @param lastId the internal id of the last event of the previous page, positive
 */
public record AuditCursor(long lastId) {

    public AuditCursor {
        if (lastId <= 0) {
            throw new IllegalArgumentException("cursor position must be positive, was " + lastId);
        }
    }

    public String encode() {
        byte[] bytes = ByteBuffer.allocate(Long.BYTES).putLong(lastId).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The cursor in {@code text}, or empty when it is not one this API issued. */
    public static Optional<AuditCursor> decode(String text) {
        if (text.length() != 11 || !text.matches("[A-Za-z0-9_-]{11}")) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        long id = ByteBuffer.wrap(bytes).getLong();
        return id > 0 && new AuditCursor(id).encode().equals(text) ? Optional.of(new AuditCursor(id)) : Optional.empty();
    }
}
