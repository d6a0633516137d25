package dev.gatehouse.kernel.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the next page starts: opaque to clients, base64url (no padding) of the last event's public
 * id, so no internal key is ever serialized. {@link #decode} accepts only what {@link #encode}
 * produces; a cursor naming another tenant's event simply matches nothing.
 *
 * @param afterEventId the public id ({@code evt_…}) of the last event of the previous page
 */
public record AuditCursor(String afterEventId) {

    private static final Pattern EVENT_ID = Pattern.compile("^evt_[0-9a-z]{26}$");

    public AuditCursor {
        if (!EVENT_ID.matcher(afterEventId).matches()) {
            throw new IllegalArgumentException(
                    "cursor must name an event id, was \"" + afterEventId + "\"");
        }
    }

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(afterEventId.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor in {@code text}, or empty when it is not one this API issued. */
    public static Optional<AuditCursor> decode(String text) {
        if (text.length() > 64 || !text.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        try {
            String id = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            return EVENT_ID.matcher(id).matches() && new AuditCursor(id).encode().equals(text)
                    ? Optional.of(new AuditCursor(id))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
