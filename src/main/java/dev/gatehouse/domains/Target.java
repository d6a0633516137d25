package dev.gatehouse.domains;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Where an application's customers point their hostnames: a CNAME target, addresses, or both.
 * Addresses are canonical ({@code 2001:db8::1}, not {@code 2001:0db8:0:0::1}).
 */
public record Target(@Nullable String cname, List<String> ipv4, List<String> ipv6) {

    public Target {
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
        if (cname == null && ipv4.isEmpty() && ipv6.isEmpty()) {
            throw new IllegalArgumentException("a target needs a cname or at least one address");
        }
    }

    /**
     * The routing records a customer creates for {@code hostname}: the CNAME when there is one, and
     * the A/AAAA records when there are addresses. Either complete set makes the hostname live.
     */
    List<DnsRecord> routingRecords(String hostname) {
        java.util.ArrayList<DnsRecord> out = new java.util.ArrayList<>();
        if (cname != null) {
            out.add(
                    new DnsRecord(
                            DnsRecord.Type.CNAME, hostname, cname, DnsRecord.Purpose.ROUTING));
        }
        ipv4.forEach(
                a ->
                        out.add(
                                new DnsRecord(
                                        DnsRecord.Type.A, hostname, a, DnsRecord.Purpose.ROUTING)));
        ipv6.forEach(
                a ->
                        out.add(
                                new DnsRecord(
                                        DnsRecord.Type.AAAA,
                                        hostname,
                                        a,
                                        DnsRecord.Purpose.ROUTING)));
        return out;
    }

    /** True when {@code checks} of {@link #routingRecords} show either complete set matching. */
    static boolean routed(List<RecordCheck> checks) {
        List<RecordCheck> routing =
                checks.stream()
                        .filter(c -> c.record().purpose() == DnsRecord.Purpose.ROUTING)
                        .toList();
        boolean cnameOk =
                routing.stream().anyMatch(c -> c.record().type() == DnsRecord.Type.CNAME && c.ok());
        List<RecordCheck> addresses =
                routing.stream().filter(c -> c.record().type() != DnsRecord.Type.CNAME).toList();
        boolean addressesOk = !addresses.isEmpty() && addresses.stream().allMatch(RecordCheck::ok);
        return cnameOk || addressesOk;
    }
}
