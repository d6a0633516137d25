package dev.gatehouse.domains;

import java.util.List;
import java.util.Locale;

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
     * The CAA records at {@code name} (RFC 8659), following a CNAME at {@code name} as any lookup
     * does: the records of the alias's target are the name's.
     *
     * @param name a normalised domain name, no trailing dot
     * @return the records, or why there are none; never throws for DNS trouble
     */
    CaaAnswer caa(String name);

    /**
     * What DNS said. Values are normalised: lower-case names without a trailing dot, canonical
     * addresses, TXT strings joined.
     */
    sealed interface Answer permits Found, NoRecords, NxDomain, ServFail, Timeout {}

    /** What DNS said about CAA at one name. */
    sealed interface CaaAnswer permits CaaFound, NoRecords, NxDomain, ServFail, Timeout {}

    record Found(List<String> values) implements Answer {
        public Found {
            values = List.copyOf(values);
        }
    }

    /** The CAA RRset at the name; never empty (that is {@link NoRecords}). */
    record CaaFound(List<Caa> records) implements CaaAnswer {
        public CaaFound {
            records = List.copyOf(records);
        }
    }

    /**
     * One CAA record (RFC 8659 §4.1).
     *
     * @param flags 0–255; 128 is the Issuer Critical Flag
     * @param tag the property tag as published (matched case-insensitively)
     * @param value the property value, its bytes read as UTF-8
     */
    record Caa(int flags, String tag, String value) {

        public static final int CRITICAL = 128;

        public boolean critical() {
            return (flags & CRITICAL) != 0;
        }

        /** The tag in lower case, as it is compared. */
        public String property() {
            return tag.toLowerCase(Locale.ROOT);
        }

        /** Master-file form: {@code 0 issue "letsencrypt.org"}. */
        public String text() {
            return flags
                    + " "
                    + tag
                    + " \""
                    + value.replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\"";
        }
    }

    /** The name exists but has no record of this type. */
    record NoRecords() implements Answer, CaaAnswer {}

    record NxDomain() implements Answer, CaaAnswer {}

    record ServFail() implements Answer, CaaAnswer {}

    record Timeout() implements Answer, CaaAnswer {}
}
