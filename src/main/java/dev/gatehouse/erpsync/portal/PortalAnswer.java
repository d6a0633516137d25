package dev.gatehouse.erpsync.portal;

import tools.jackson.databind.JsonNode;

/**
 * What became of a write to the portal. Only {@link Stored} and {@link Refused} say for sure
 * whether the portal kept the item; after {@link Unanswered} it may or may not have, so the item
 * must be looked up before it is sent again.
 */
public sealed interface PortalAnswer {

    /** A 2xx with its JSON body. */
    record Stored(int status, JsonNode body) implements PortalAnswer {}

    /** A 4xx other than 408 and 429: the portal did not keep the item. */
    record Refused(int status, String code, String description) implements PortalAnswer {}

    /** A timeout, a broken connection, a 408, 429 or 5xx: the portal may have kept the item. */
    record Unanswered(String reason) implements PortalAnswer {}
}
