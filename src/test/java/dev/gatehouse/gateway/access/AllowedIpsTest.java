package dev.gatehouse.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

class AllowedIpsTest {

    @Test
    void anEmptyListAllowsAnyAddress() {
        AllowedIps ips = AllowedIps.parse(List.of()).ips();

        assertThat(ips.allows(AllowedIps.literal("198.51.100.1"))).isTrue();
        assertThat(ips.allows(AllowedIps.literal("2001:db8::1"))).isTrue();
    }

    @Test
    void ipv4AndIpv6BlocksAllowOnlyTheirAddresses() {
        AllowedIps ips = AllowedIps.parse(List.of("203.0.113.0/24", "2001:db8::/32")).ips();

        assertThat(ips.allows(AllowedIps.literal("203.0.113.200"))).isTrue();
        assertThat(ips.allows(AllowedIps.literal("203.0.114.1"))).isFalse();
        assertThat(ips.allows(AllowedIps.literal("2001:db8:ffff::9"))).isTrue();
        assertThat(ips.allows(AllowedIps.literal("2001:db9::1"))).isFalse();
        assertThat(ips.allows(null)).isFalse();
    }

    @Test
    void aBareAddressIsOneHost() {
        AllowedIps ips = AllowedIps.parse(List.of("203.0.113.7")).ips();

        assertThat(ips.blocks()).containsExactly("203.0.113.7/32");
        assertThat(ips.allows(AllowedIps.literal("203.0.113.7"))).isTrue();
        assertThat(ips.allows(AllowedIps.literal("203.0.113.8"))).isFalse();
    }

    @Test
    void badEntriesAreEachReportedWithWhatWasMeant() {
        AllowedIps.Parsed p =
                AllowedIps.parse(
                        List.of("10.1.2.3/8", "example.com", "10.0.0.0/33", "300.1.1.1", " "));

        assertThat(p.problems()).hasSize(5);
        assertThat(p.problems().get(0)).contains("did you mean 10.0.0.0/8?");
        assertThat(p.problems().get(1)).contains("is not an IPv4 or IPv6 address");
        assertThat(p.problems().get(2)).contains("prefix length").contains("0 to 32");
    }

    @Test
    void moreThanTheLimitIsRefused() {
        List<String> many = new ArrayList<>(Collections.nCopies(101, "203.0.113.7"));

        assertThat(AllowedIps.parse(new ArrayList<>(many)).problems())
                .containsExactly("must have at most 100 entries, had 101");
        assertThat(AllowedIps.parse(new ArrayList<>(many.subList(0, 100))).problems()).isEmpty();
    }
}
