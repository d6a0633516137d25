package dev.gatehouse.domains.dns;

import dev.gatehouse.domains.DnsLookup;

import java.util.List;

/**
 * Test helper: the values of a {@link DnsLookup.Found}, in whatever order the server rotated them.
 */
final class DnsAnswers {

    private DnsAnswers() {}

    static List<String> values(DnsLookup.Answer answer) {
        if (answer instanceof DnsLookup.Found(List<String> values)) {
            return values;
        }
        throw new AssertionError("expected records but DNS answered " + answer);
    }
}
