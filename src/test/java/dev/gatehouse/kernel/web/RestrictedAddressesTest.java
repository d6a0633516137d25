package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

/** The addresses nobody may aim Gatehouse at, in every spelling that hides one, and public ones. */
class RestrictedAddressesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "10.1.2.3",
                "127.0.0.1",
                "100.64.0.1",
                "169.254.169.254",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "192.0.2.1",
                "198.18.0.1",
                "198.51.100.1",
                "203.0.113.1",
                "224.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "fc00::1",
                "fd12::1",
                "fe80::1",
                "fec0::1",
                "ff02::1",
                "::127.0.0.1",
                "::ffff:7f00:1",
                "64:ff9b::a00:1",
                "2002:c0a8:0101::1",
                "2001:0:4136:e378::1",
                "2001:db8::1",
                "100::1"
            })
    void restricted(String literal) throws Exception {
        assertThat(RestrictedAddresses.restricted(InetAddress.getByName(literal)))
                .as(literal)
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.1.1.1",
                "8.8.8.8",
                "100.128.0.1",
                "172.32.0.1",
                "192.169.0.1",
                "2606:4700::1111",
                "64:ff9b::808:808",
                "2002:0808:0808::1"
            })
    void publicAddressesAreNot(String literal) throws Exception {
        assertThat(RestrictedAddresses.restricted(InetAddress.getByName(literal)))
                .as(literal)
                .isFalse();
    }

    @Test
    void aHostIsRestrictedWhenItResolvesToARestrictedAddress() throws Exception {
        assertThat(RestrictedAddresses.resolvesToRestricted("127.0.0.1")).isTrue();
        assertThat(RestrictedAddresses.resolvesToRestricted("169.254.169.254")).isTrue();
        assertThat(RestrictedAddresses.resolvesToRestricted("8.8.8.8")).isFalse();
        assertThatThrownBy(() -> RestrictedAddresses.resolvesToRestricted("no-such-host.invalid"))
                .isInstanceOf(java.net.UnknownHostException.class);
    }
}
