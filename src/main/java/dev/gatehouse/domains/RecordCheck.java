package dev.gatehouse.domains;

import java.util.List;
import java.util.Locale;

/**
 * One record of a connection's {@code last_check}: what was expected, what DNS answered, and
 * whether it matches. Values are compared exactly; existence is never enough.
 */
public record RecordCheck(DnsRecord record, List<String> found, boolean ok, Outcome outcome) {

    public RecordCheck {
        found = List.copyOf(found);
    }

    public enum Outcome {
        MATCH,
        MISMATCH,
        NO_RECORDS,
        NXDOMAIN,
        SERVFAIL,
        TIMEOUT;

        /**
         * True when the DNS servers gave no answer to judge by (SERVFAIL, timeout): the record may
         * well be right, so this is never reported as a mismatch or as not found.
         */
        public boolean unanswered() {
            return this == SERVFAIL || this == TIMEOUT;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
