package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.demo.FakePortal;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every {@code POST} of a payment or purchase order that reached the fake portal, by external id,
 * and which of them met a failure the test injected (a status answered before anything is kept). A
 * second POST of an item is allowed only after such a failure: any other one means the portal was
 * sent an item it may already have had.
 *
 * <p>Design: the fake answers {@link FakePortal#failNext} failures to the next requests whose path
 * ends with the suffix and keeps nothing for them, and marks each request it failed so. This class
 * injects through {@link #failNext} and reads the recorded requests and their marks after each
 * cycle (the fake keeps the latest {@code 10,000}; a cycle makes far fewer). The marks, not the
 * arrival order, say which request met a failure: a step sends several items at once ({@code
 * SYNC_PORTAL_CONCURRENCY}), so a request that arrived first may consume its failure second.
 */
final class PortalPosts {

    private final FakePortal portal;
    private final Map<String, Integer> posts = new TreeMap<>();
    private final Map<String, Integer> failed = new TreeMap<>();
    private FakePortal.@Nullable Recorded last;
    private int requests;

    PortalPosts(FakePortal portal) {
        this.portal = portal;
        List<FakePortal.Recorded> all = portal.requests();
        this.last = all.isEmpty() ? null : all.getLast();
    }

    /** Injects {@code statuses} for the next requests to {@code suffix}. */
    void failNext(String suffix, Integer... statuses) {
        portal.failNext(suffix, statuses);
    }

    /** Reads the requests that arrived since the last call. */
    void observe() {
        List<FakePortal.Recorded> all = portal.requests();
        int from = 0;
        if (last != null) {
            from = -1;
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i) == last) {
                    from = i + 1;
                    break;
                }
            }
            if (from < 0) {
                throw new IllegalStateException(
                        "more requests arrived between two observations than the fake keeps");
            }
        }
        for (FakePortal.Recorded r : all.subList(from, all.size())) {
            requests++;
            String item = item(r);
            if (item != null) {
                posts.merge(item, 1, Integer::sum);
            }
            if (item != null && portal.failedAsInjected(r)) {
                failed.merge(item, 1, Integer::sum);
            }
        }
        if (!all.isEmpty()) {
            last = all.getLast();
        }
    }

    /** {@code kind:external_id} of every item POSTed more often than injected failures explain. */
    Map<String, String> sentMoreThanOnce() {
        Map<String, String> out = new TreeMap<>();
        posts.forEach(
                (item, n) -> {
                    int failures = failed.getOrDefault(item, 0);
                    if (n - failures > 1) {
                        out.put(item, n + " POSTs, " + failures + " of them failed as injected");
                    }
                });
        return out;
    }

    /** {@code kind:external_id} of every item POSTed at least once. */
    java.util.Set<String> itemsPosted() {
        return java.util.Set.copyOf(posts.keySet());
    }

    /** How many POSTs met an injected failure. */
    int failedPosts() {
        return failed.values().stream().mapToInt(Integer::intValue).sum();
    }

    int posts() {
        return posts.values().stream().mapToInt(Integer::intValue).sum();
    }

    int requests() {
        return requests;
    }

    private static @Nullable String item(FakePortal.Recorded r) {
        if (!r.method().equals("POST")) {
            return null;
        }
        String kind =
                r.path().endsWith("/payments")
                        ? "payment"
                        : r.path().endsWith("/purchase-orders") ? "purchase_order" : null;
        return kind == null ? null : kind + ":" + r.json().path("external_id").asString("");
    }
}
