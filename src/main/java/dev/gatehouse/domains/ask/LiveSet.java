package dev.gatehouse.domains.ask;

import org.jspecify.annotations.Nullable;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The live hostnames a node knows, each with its route: what {@code ask} answers from memory.
 * Readers never lock; one writer at a time (the {@link LiveHostnames} refresher) applies changes.
 *
 * <p>Memory: one map entry and one hostname string per live hostname; the route (tenant,
 * application, and the ready {@link AskAnswer.Allow}) is one object per application, shared by all
 * its hostnames. About 11 MB per 100,000 live hostnames of 30 characters ({@code
 * bench/ask/memory.sh} measures it).
 */
final class LiveSet {

    /** Where a live hostname goes; shared by every hostname of one application. */
    record Route(long tenant, long application, AskAnswer.Allow allow) {}

    private final ConcurrentHashMap<String, Route> hostnames;
    private final Map<Long, Route> routes = new HashMap<>();

    private LiveSet(int expected) {
        this.hostnames = new ConcurrentHashMap<>(Math.max(16, expected));
    }

    static LiveSet empty() {
        return new LiveSet(16);
    }

    /** A set sized for about {@code expected} hostnames, to fill with {@link #put}. */
    static LiveSet sizedFor(int expected) {
        return new LiveSet(expected);
    }

    /** The route of {@code hostname} (already normalised), or null when it is not live. */
    @Nullable Route get(String hostname) {
        return hostnames.get(hostname);
    }

    int size() {
        return hostnames.size();
    }

    /** Writer only. */
    void put(LiveConnections.Row row) {
        hostnames.put(row.hostname(), route(row));
    }

    /**
     * Writer only: makes the hostnames for which {@code inScope} holds exactly {@code live} (all of
     * which must be in scope).
     */
    void replace(Predicate<Map.Entry<String, Route>> inScope, Iterable<LiveConnections.Row> live) {
        Set<String> keep = new HashSet<>();
        for (LiveConnections.Row row : live) {
            keep.add(row.hostname());
            put(row);
        }
        hostnames.entrySet().removeIf(e -> inScope.test(e) && !keep.contains(e.getKey()));
    }

    /** A copy, hostname to origin; for tests and diagnostics, not for the request path. */
    Map<String, String> origins() {
        Map<String, String> copy = new HashMap<>(hostnames.size() * 2);
        hostnames.forEach((hostname, route) -> copy.put(hostname, route.allow().origin()));
        return copy;
    }

    private Route route(LiveConnections.Row row) {
        Route known = routes.get(row.application());
        if (known != null
                && known.tenant() == row.tenant()
                && known.allow().origin().equals(row.origin())) {
            return known;
        }
        Route fresh = new Route(row.tenant(), row.application(), new AskAnswer.Allow(row.origin()));
        routes.put(row.application(), fresh);
        return fresh;
    }
}
