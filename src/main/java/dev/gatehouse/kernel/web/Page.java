package dev.gatehouse.kernel.web;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list: {@code {"data":[…],"next_cursor":"…"|null}}. Cursors are opaque to clients
 * (base64url of the last item's public id), so no internal key is ever serialized.
 */
public record Page<T>(List<T> data, @Nullable String nextCursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static <T> Page<T> of(List<T> data, @Nullable String lastPublicId) {
        return new Page<>(
                data,
                lastPublicId == null
                        ? null
                        : Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(lastPublicId.getBytes(StandardCharsets.UTF_8)));
    }

    /** Parses {@code ?limit=}: 1–100, default 20; anything else is a 400. */
    public static int limit(@Nullable String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw ApiProblem.badRequest("limit", "must be a whole number between 1 and " + MAX_LIMIT);
    }

    /** The public id inside a cursor; a 400 when it is not one of ours. */
    public static String decodeCursor(String cursor) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (id.matches("^[a-z]{2,5}_[0-9a-z]{26}$")) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400 below
        }
        throw ApiProblem.badRequest("cursor", "is not a valid cursor");
    }
}
