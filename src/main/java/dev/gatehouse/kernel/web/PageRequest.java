package dev.gatehouse.kernel.web;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A list route's {@code ?limit=} and {@code ?cursor=}, and the one way every list is cut into a
 * {@link Page}. The cursor names the last item a client was shown (base64url of its public id), so
 * no internal key is serialized; the next page starts after that item's internal key, which the
 * route looks up in its own tenant's rows, so a cursor from another list or tenant is a 400.
 *
 * <pre>{@code
 * PageRequest page = PageRequest.of(limit, cursor);
 * long after = page.startAfter(0, id -> keys.find(tenant, id).map(StoredKey::id));
 * return page.cut(keys.list(tenant, after, page.fetchSize()), StoredKey::publicId, KeyView::of);
 * }</pre>
 *
 * @param limit how many items a page shows, 1–100
 * @param cursorId the public id inside the cursor; null on the first page
 */
public record PageRequest(int limit, @Nullable String cursorId) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Parses the query parameters; a 400 names the one that is wrong. */
    public static PageRequest of(@Nullable String limit, @Nullable String cursor) {
        return new PageRequest(parseLimit(limit), cursor == null ? null : decodeCursor(cursor));
    }

    /** Rows to fetch: one more than a page, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    /**
     * The internal key the page starts after: {@code first} without a cursor, else the key of the
     * cursor's item as {@code keyOf} finds it among the caller's rows.
     *
     * @throws ApiProblem 400 when the cursor names no item of this list
     */
    public long startAfter(long first, Function<String, Optional<Long>> keyOf) {
        if (cursorId == null) {
            return first;
        }
        return keyOf.apply(cursorId)
                .orElseThrow(
                        () -> ApiProblem.badRequest("cursor", "is not a cursor from this list"));
    }

    /** The page of {@code rows} (fetched with {@link #fetchSize()}), each shown as {@code view}. */
    public <R, V> Page<V> cut(List<R> rows, Function<R, String> publicId, Function<R, V> view) {
        return cutAll(rows, publicId, shown -> shown.stream().map(view).toList());
    }

    /** As {@link #cut}, for views built from all shown rows at once (one query for their parts). */
    public <R, V> Page<V> cutAll(
            List<R> rows, Function<R, String> publicId, Function<List<R>, List<V>> views) {
        List<R> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        return Page.of(
                views.apply(List.copyOf(shown)),
                rows.size() > limit ? publicId.apply(shown.get(limit - 1)) : null);
    }

    private static int parseLimit(@Nullable String raw) {
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

    private static String decodeCursor(String cursor) {
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
