package dev.gatehouse.domains;

import dev.gatehouse.domains.CaaCheck.Reason;
import dev.gatehouse.domains.DnsLookup.Caa;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CAA preflight of a hostname (RFC 8659): may one of the configured certificate authorities
 * issue its certificate? Pure apart from the {@link DnsLookup} it is handed.
 *
 * <p>Design: the relevant RRset is the first non-empty CAA RRset found asking the hostname, then
 * each parent in turn up to and including the top-level domain, never the root (§3). A CNAME at a
 * name is followed by the lookup itself, so the alias's target answers for that name; the target's
 * parents are not climbed. NXDOMAIN counts as empty. A DNS error or silence stops the climb with
 * {@link Reason#DNS_UNAVAILABLE}: a CA would not issue on it either, but it is nobody's setting, so
 * it is reported as unknown rather than forbidden.
 *
 * <p>The decision on that RRset, for a non-wildcard name (so {@code issuewild} is ignored, §4.3): a
 * property flagged critical with a tag other than {@code issue}, {@code issuewild} or {@code iodef}
 * forbids every CA (§4.1); no {@code issue} property allows every CA; otherwise some {@code issue}
 * value must name a configured CA (its issuer domain name, before any {@code ;} parameters,
 * compared case-insensitively). {@code ";"} names none, and a malformed value names none.
 * Parameters such as {@code accounturi} are CA-specific and not judged.
 */
final class CaaPreflight {

    private static final Set<String> KNOWN_PROPERTIES = Set.of("issue", "issuewild", "iodef");

    private CaaPreflight() {}

    /**
     * Climbs from {@code hostname} to its top-level domain until a name has CAA records.
     *
     * @param hostname a normalised hostname, no trailing dot
     * @param allowedCas CA domain names in lower case
     */
    static CaaCheck check(String hostname, DnsLookup dns, List<String> allowedCas) {
        String name = hostname;
        while (true) {
            switch (dns.caa(name)) {
                case DnsLookup.CaaFound(List<Caa> records) -> {
                    return decide(name, records, allowedCas);
                }
                case DnsLookup.NoRecords n -> {}
                case DnsLookup.NxDomain n -> {}
                case DnsLookup.ServFail f -> {
                    return new CaaCheck(Reason.DNS_UNAVAILABLE, null, List.of(), allowedCas);
                }
                case DnsLookup.Timeout t -> {
                    return new CaaCheck(Reason.DNS_UNAVAILABLE, null, List.of(), allowedCas);
                }
            }
            int dot = name.indexOf('.');
            if (dot < 0) {
                return new CaaCheck(Reason.NO_CAA, null, List.of(), allowedCas);
            }
            name = name.substring(dot + 1);
        }
    }

    /** The decision on the relevant RRset {@code records}, found at {@code domain}. */
    static CaaCheck decide(String domain, List<Caa> records, List<String> allowedCas) {
        List<String> shown = records.stream().map(Caa::text).sorted().toList();
        return new CaaCheck(reason(records, allowedCas), domain, shown, allowedCas);
    }

    private static Reason reason(List<Caa> records, List<String> allowedCas) {
        if (records.stream()
                .anyMatch(r -> r.critical() && !KNOWN_PROPERTIES.contains(r.property()))) {
            return Reason.UNKNOWN_CRITICAL_PROPERTY;
        }
        List<Caa> issue = records.stream().filter(r -> r.property().equals("issue")).toList();
        if (issue.isEmpty()) {
            return Reason.NO_ISSUE_PROPERTY;
        }
        return issue.stream().map(r -> issuer(r.value())).anyMatch(allowedCas::contains)
                ? Reason.CA_PERMITTED
                : Reason.CA_NOT_PERMITTED;
    }

    /** The issuer domain name of an {@code issue} value, lower case; empty when it names none. */
    static String issuer(String value) {
        int semicolon = value.indexOf(';');
        String name = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
        name = name.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
