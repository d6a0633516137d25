package dev.gatehouse.kernel.audit;

import java.util.Locale;

/** The outcome of an access decision, when the event records one. */
public enum Decision {
    ALLOW,
    DENY;

    /** The stored and serialized name: {@code allow} or {@code deny}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The decision with this wire name. */
    public static Decision fromWire(String wire) {
        return switch (wire) {
            case "allow" -> ALLOW;
            case "deny" -> DENY;
            default ->
                    throw new IllegalArgumentException(
                            "decision must be allow or deny, was " + wire);
        };
    }
}
