package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

class ClientIpTest {

    private final ClientIp clientIp =
            new ClientIp(List.of("10.0.0.0/8", "192.168.1.1", "2001:db8::/32"));

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String value : forwardedFor) {
            request.addHeader("X-Forwarded-For", value);
        }
        return request;
    }

    @Test
    void untrustedPeerIsTheClientWhateverForwardedForSays() {
        assertThat(clientIp.resolve(from("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void trustedPeerYieldsTheRightmostUntrustedHop() {
        assertThat(clientIp.resolve(from("10.1.2.3", "198.51.100.7, 10.9.9.9")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void spoofedLeftmostEntriesAreIgnored() {
        assertThat(clientIp.resolve(from("10.1.2.3", "1.1.1.1, 6.6.6.6, 198.51.100.7")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void severalForwardedForHeadersAreReadAsOneList() {
        assertThat(clientIp.resolve(from("10.1.2.3", "1.1.1.1", "198.51.100.7, 192.168.1.1")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void allTrustedChainYieldsTheLeftmostTrustedHop() {
        assertThat(clientIp.resolve(from("10.1.2.3", "10.0.0.5, 192.168.1.1")))
                .isEqualTo("10.0.0.5");
    }

    @Test
    void trustedPeerWithoutForwardedForIsTheClient() {
        assertThat(clientIp.resolve(from("10.1.2.3"))).isEqualTo("10.1.2.3");
    }

    @Test
    void garbageEntryStopsTheWalkAtTheNearestTrustedHop() {
        assertThat(clientIp.resolve(from("10.1.2.3", "198.51.100.7, not-an-ip, 10.0.0.5")))
                .isEqualTo("10.0.0.5");
        assertThat(clientIp.resolve(from("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
        assertThat(clientIp.resolve(from("10.1.2.3", "300.1.1.1"))).isEqualTo("10.1.2.3");
        assertThat(clientIp.resolve(from("10.1.2.3", "01.2.3.4"))).isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6HopsAndTrustedIpv6RangesWork() {
        assertThat(clientIp.resolve(from("2001:db8::1", "2001:db9::abcd, 2001:db8::2")))
                .isEqualTo("2001:db9:0:0:0:0:0:abcd");
        assertThat(clientIp.resolve(from("2001:db8::1", "[2001:db9::5]:443")))
                .isEqualTo("2001:db9:0:0:0:0:0:5");
    }

    @Test
    void portsOnIpv4HopsAreIgnored() {
        assertThat(clientIp.resolve(from("10.1.2.3", "198.51.100.7:5555")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void noTrustedProxiesMeansTheSocketAlways() {
        var none = new ClientIp(List.of());
        assertThat(none.resolve(from("10.1.2.3", "198.51.100.7"))).isEqualTo("10.1.2.3");
    }

    @Test
    void prefixBoundariesAreExact() {
        var narrow = new ClientIp(List.of("192.168.1.0/25"));
        assertThat(narrow.resolve(from("192.168.1.127", "198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(narrow.resolve(from("192.168.1.128", "198.51.100.7")))
                .isEqualTo("192.168.1.128");
    }

    @Test
    void badTrustedProxyEntriesFailWithTheirValue() {
        assertThatThrownBy(() -> new ClientIp(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'proxy.internal'");
        assertThatThrownBy(() -> new ClientIp(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 32");
    }
}
