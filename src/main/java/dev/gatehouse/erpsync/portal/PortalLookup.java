package dev.gatehouse.erpsync.portal;

import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Asks the portal whether it already has an item, by the external id Sage gave it, before that item
 * is sent again. Only a clear answer counts: one item whose {@code external_id} is exactly the one
 * asked for and whose id is the portal's 24-hex shape is {@link Found}; an empty listing is {@link
 * Absent}; anything else (an error, several matches, a malformed id) is {@link Unknown}, and the
 * item is not sent.
 */
public final class PortalLookup {

    private static final Pattern PORTAL_ID = Pattern.compile("^[0-9a-fA-F]{24}$");

    private PortalLookup() {}

    /** The outcome of a lookup. */
    public sealed interface Lookup {}

    public record Found(String id, String status) implements Lookup {}

    public record Absent() implements Lookup {}

    public record Unknown(String reason) implements Lookup {}

    /** {@code GET …/purchase-orders?external_ids={po}&pageSize=1&offset=0}. */
    public static Lookup purchaseOrder(PortalClient portal, String poNumber) {
        return find(portal, "/purchase-orders", poNumber);
    }

    /**
     * {@code GET …/payments?external_ids={docnbr}&pageSize=1&offset=0}, the purchase orders'
     * listing shape applied to payments (ADR 0021).
     */
    public static Lookup payment(PortalClient portal, String docNumber) {
        return find(portal, "/payments", docNumber);
    }

    /** In the documented order: {@code external_ids=…&pageSize=1&offset=0}. */
    private static Map<String, String> query(String externalId) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("external_ids", externalId);
        q.put("pageSize", "1");
        q.put("offset", "0");
        return q;
    }

    private static Lookup find(PortalClient portal, String collection, String externalId) {
        JsonNode answer;
        try {
            answer = portal.read(portal.extern(collection), query(externalId));
        } catch (PortalUnavailable e) {
            return new Unknown(String.valueOf(e.getMessage()));
        }
        JsonNode items = answer.path("items");
        if (!items.isArray()) {
            return new Unknown("the listing has no items array");
        }
        List<JsonNode> matching =
                items.valueStream()
                        .filter(i -> externalId.equals(i.path("external_id").asString("")))
                        .toList();
        if (items.isEmpty()) {
            return new Absent();
        }
        if (matching.size() != 1) {
            return new Unknown(
                    "the portal listed "
                            + items.size()
                            + " items, "
                            + matching.size()
                            + " matching");
        }
        String id = matching.getFirst().path("id").asString("");
        if (!PORTAL_ID.matcher(id).matches()) {
            return new Unknown("the portal's id is not 24 hexadecimal digits");
        }
        return new Found(id, matching.getFirst().path("status").asString(""));
    }
}
