package dev.gatehouse.domains.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

class NameserversTest {

    @Test
    void anIpv4AddressWithoutPortUsesPort53() {
        assertThat(Nameservers.parse("192.0.2.53"))
                .isEqualTo(new InetSocketAddress("192.0.2.53", 53));
    }

    @Test
    void anIpv4AddressWithPort() {
        assertThat(Nameservers.parse("127.0.0.1:5353"))
                .isEqualTo(new InetSocketAddress("127.0.0.1", 5353));
    }

    @Test
    void aBracketedIpv6AddressWithPort() {
        assertThat(Nameservers.parse("[::1]:5353")).isEqualTo(new InetSocketAddress("::1", 5353));
    }

    @Test
    void aBracketedIpv6AddressWithoutPort() {
        assertThat(Nameservers.parse("[2001:db8::53]"))
                .isEqualTo(new InetSocketAddress("2001:db8::53", 53));
    }

    @Test
    void aBareIpv6AddressIsNotMistakenForHostAndPort() {
        assertThat(Nameservers.parse("2001:db8::53"))
                .isEqualTo(new InetSocketAddress("2001:db8::53", 53));
    }

    @Test
    void blankEntriesAreSkippedAndOthersTrimmed() {
        assertThat(Nameservers.parse(List.of(" 127.0.0.1:53 ", "", "  ")))
                .containsExactly(new InetSocketAddress("127.0.0.1", 53));
    }

    @Test
    void badPortsAreRefusedNamingTheEntry() {
        assertThatThrownBy(() -> Nameservers.parse("127.0.0.1:dns"))
                .hasMessageContaining("'127.0.0.1:dns'")
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> Nameservers.parse("[::1]:70000"))
                .hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> Nameservers.parse("[::1")).hasMessageContaining("missing ']'");
        assertThatThrownBy(() -> Nameservers.parse("[::1]5353"))
                .hasMessageContaining("expected ':'");
    }
}
