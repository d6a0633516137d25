package dev.gatehouse.domains.dns;

import java.util.List;

import dev.gatehouse.domains.DnsLookup;

/** Test helper: the values of a {@link DnsLookup.Found}, in whatever order the server rotated them. */
final class DnsAnswers {

    private DnsAnswers() {
    }

    static List<String> values(DnsLookup.Answer answer) {
        if (answer instanceof DnsLookup.Found(List<String> values)) {
            return values;
        }
        throw new AssertionError("expected records but DNS answered " + answer);
    }
}
