package dev.gatehouse.portal;

import dev.gatehouse.domains.Connection;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One page of an application's connections as its page lists them.
 *
 * @param status the status filtered on (wire name), or null for all
 * @param nextLink the next page, or null on the last
 */
public record DomainConnectionListing(
        @Nullable String status, List<Connection> rows, @Nullable String nextLink) {

    public DomainConnectionListing {
        rows = List.copyOf(rows);
    }
}
