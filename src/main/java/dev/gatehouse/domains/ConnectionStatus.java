package dev.gatehouse.domains;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a connection stands; the names are the API's and the database's. */
public enum ConnectionStatus {
    /** Created; the ownership TXT record has not been seen with the right value yet. */
    PENDING,
    /** Ownership proven; the routing records do not point at the application yet. */
    VERIFIED,
    /** Ownership proven and routing matches: the TLS proxy may issue a certificate. */
    LIVE,
    /** Not done within the deadline; a manual verify can revive it. */
    FAILED,
    /** Deleted by the tenant. Final. */
    REMOVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConnectionStatus> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }

    /** Counts against the tenant's connection limit. */
    public boolean holdsQuota() {
        return this != REMOVED && this != FAILED;
    }
}
