package dev.gatehouse.gateway.upstream;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Addresses that are not on the public internet, which an upstream may not use when {@code
 * GATEWAY_ALLOW_PRIVATE_UPSTREAMS} is false: unspecified, loopback, private (RFC 1918), CGNAT,
 * link-local, unique-local and site-local, multicast, broadcast and reserved ranges, documentation
 * and benchmark networks, and IPv6 forms that embed such an IPv4 address (mapped, compatible,
 * NAT64, 6to4) or hide one (Teredo). The same ranges as Connect Domain's webhook targets (products
 * do not share code). Pure.
 */
final class PrivateAddresses {

    private PrivateAddresses() {}

    static boolean restricted(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        return address instanceof Inet4Address ? v4(b) : v6(b);
    }

    /** True for {@code localhost} names and literal addresses that are {@link #restricted}. */
    static boolean privateName(String host) {
        String h = bare(host).toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        try {
            InetAddress literal =
                    h.contains(":") ? Inet6Address.ofLiteral(h) : Inet4Address.ofLiteral(h);
            return restricted(literal);
        } catch (IllegalArgumentException notALiteral) {
            return false;
        }
    }

    static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1)
                : host;
    }

    private static boolean v4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return a0 == 0
                || a0 == 10
                || a0 == 127
                || a0 >= 224
                || (a0 == 100 && a1 >= 64 && a1 <= 127)
                || (a0 == 169 && a1 == 254)
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 198 && (a1 == 18 || a1 == 19))
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113);
    }

    private static boolean v6(byte[] b) {
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc || first == 0xfe) {
            return true;
        }
        if (zero(b, 0, 12)) {
            return true;
        }
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return v4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        if (starts(b, 0x00, 0x64, 0xff, 0x9b) && zero(b, 4, 12)) {
            return v4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        if (starts(b, 0x20, 0x02)) {
            return v4(new byte[] {b[2], b[3], b[4], b[5]});
        }
        return starts(b, 0x20, 0x01, 0x00, 0x00)
                || starts(b, 0x20, 0x01, 0x0d, 0xb8)
                || (starts(b, 0x01, 0x00) && zero(b, 2, 8));
    }

    private static boolean starts(byte[] b, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
