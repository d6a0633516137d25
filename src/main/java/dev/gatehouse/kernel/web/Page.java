package dev.gatehouse.kernel.web;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list: {@code {"data":[…],"next_cursor":"…"|null}}. Cursors are opaque to clients
 * (base64url of the last item's public id), so no internal key is ever serialized; {@link
 * PageRequest} reads a request's paging and cuts every list the same way.
 */
public record Page<T>(List<T> data, @Nullable String nextCursor) {

    public static <T> Page<T> of(List<T> data, @Nullable String lastPublicId) {
        return new Page<>(
                data,
                lastPublicId == null
                        ? null
                        : Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(lastPublicId.getBytes(StandardCharsets.UTF_8)));
    }
}
