package dev.gatehouse.domains;

import java.util.List;

/**
 * Asks DNS for the records of one name and type. Implementations go to the configured nameservers
 * and never cache, so a check sees what the customer just created. Thread-safe.
 */
public interface DnsLookup {

    /**
     * @param name a normalised hostname, no trailing dot
     * @return the answers, or why there are none; never throws for DNS trouble
     */
    Answer lookup(String name, DnsRecord.Type type);

    /**
     * What DNS said. Values are normalised: lower-case names without a trailing dot, canonical
     * addresses, TXT strings joined.
     */
    sealed interface Answer permits Found, NoRecords, NxDomain, ServFail, Timeout {}

    record Found(List<String> values) implements Answer {
        public Found {
            values = List.copyOf(values);
        }
    }

    /** The name exists but has no record of this type. */
    record NoRecords() implements Answer {}

    record NxDomain() implements Answer {}

    record ServFail() implements Answer {}

    record Timeout() implements Answer {}
}
