package dev.gatehouse.domains;

import java.util.Locale;

/**
 * A DNS record a customer must create: {@code name} is the full owner name without a trailing dot.
 *
 * @param purpose {@code ownership} (the TXT challenge) or {@code routing} (CNAME or A/AAAA)
 */
public record DnsRecord(Type type, String name, String value, Purpose purpose) {

    public enum Type {
        TXT,
        CNAME,
        A,
        AAAA
    }

    public enum Purpose {
        OWNERSHIP,
        ROUTING;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
