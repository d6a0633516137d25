package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.demo.FakePortal;

import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * An estimate of the heap the fake portal holds for its requests log and its stored payments and
 * purchase orders, from the JVM's object layout with compressed references (12-byte headers, 4-byte
 * references, 8-byte alignment; Latin-1 strings one byte a character). Both grow during a soak by
 * design (the log up to its bound of 10,000 requests, the stores by every item sent) and live in
 * the test's JVM, so a soak takes them out of the heap it judges. Accurate to the layout, not to
 * the byte: good for kibibytes per cycle, not for bytes.
 */
final class FakePortalFootprint {

    private FakePortalFootprint() {}

    /** The estimated bytes of {@code portal}'s request log and stored items. */
    static long bytes(FakePortal portal) {
        long total = 0;
        for (FakePortal.Recorded r : portal.requests()) {
            total += 4 + align(12 + 5 * 4);
            total += string(r.method()) + string(r.path()) + string(r.query()) + string(r.body());
            total += map(r.headers().size(), false);
            long[] headers = {0};
            r.headers().forEach((k, v) -> headers[0] += string(k) + string(v));
            total += headers[0];
        }
        for (Map<String, ? extends JsonNode> store :
                java.util.List.of(portal.payments(), portal.purchaseOrders())) {
            total += map(store.size(), false);
            for (Map.Entry<String, ? extends JsonNode> e : store.entrySet()) {
                total += string(e.getKey()) + node(e.getValue());
            }
        }
        return total;
    }

    private static long node(JsonNode n) {
        if (n.isObject()) {
            long size = 16 + map(n.size(), true);
            for (Map.Entry<String, JsonNode> p : n.properties()) {
                size += string(p.getKey()) + node(p.getValue());
            }
            return size;
        }
        if (n.isArray()) {
            long size = 16 + 24 + align(16 + 4L * Math.max(10, n.size()));
            for (JsonNode v : n.values()) {
                size += node(v);
            }
            return size;
        }
        if (n.isString()) {
            return 16 + string(n.asString());
        }
        if (n.isBigDecimal() || n.isBigInteger()) {
            return 16 + 80;
        }
        return n.isNumber() ? 24 : 0;
    }

    /**
     * A {@code LinkedHashMap} of {@code entries}, without its keys and values; {@code view} adds
     * the entry-set view a map keeps once iterated that way (as this estimate iterates JSON
     * objects).
     */
    private static long map(int entries, boolean view) {
        int capacity = Integer.highestOneBit(Math.max(1, (int) (entries / 0.75f)) * 2 - 1);
        return 56 + (view ? 16 : 0) + align(16 + 4L * Math.max(16, capacity)) + 40L * entries;
    }

    private static long string(String s) {
        boolean latin1 = s.chars().allMatch(c -> c <= 0xFF);
        return 24 + align(16 + (long) s.length() * (latin1 ? 1 : 2));
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
