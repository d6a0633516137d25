package dev.gatehouse.portal;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged list: the rows to show and the link to the next page, if any. A
 * listing fetches one row more than a page holds; that extra row's presence is what says there is a
 * next page, which starts after the last row shown.
 *
 * @param rows at most the page size
 * @param nextLink {@code <base>?after=<last row's public id>}, or null on the last page
 */
public record ListedPage<T>(List<T> rows, @Nullable String nextLink) {

    /**
     * The page of {@code fetched} (up to {@code size + 1} rows) with its next link under {@code
     * base}.
     */
    public static <T> ListedPage<T> of(
            List<T> fetched, int size, String base, Function<T, String> publicId) {
        List<T> rows = fetched.stream().limit(size).toList();
        String next =
                fetched.size() > size ? base + "?after=" + publicId.apply(rows.getLast()) : null;
        return new ListedPage<>(rows, next);
    }
}
