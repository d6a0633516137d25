package dev.gatehouse.kernel.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses that are not on the public internet. Webhook targets, in production delegated DNS
 * servers, and a license server unless allowed, must not be any of these, so nobody can aim the
 * service at the inside of its network. Pure.
 */
public final class RestrictedAddresses {

    private RestrictedAddresses() {}

    /**
     * True for addresses Gatehouse must not be made to reach: unspecified, loopback, private (RFC
     * 1918), shared CGNAT space, link-local, unique-local and site-local, multicast, broadcast and
     * reserved ranges, documentation and benchmark networks, and IPv6 forms that embed such an IPv4
     * address (mapped, compatible, NAT64, 6to4) or hide one (Teredo).
     */
    public static boolean restricted(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        return address instanceof Inet4Address ? restrictedV4(b) : restrictedV6(b);
    }

    /**
     * True when {@code host} (a name or a literal) resolves to at least one restricted address now.
     *
     * @throws UnknownHostException when it does not resolve; the caller decides what that means
     */
    public static boolean resolvesToRestricted(String host) throws UnknownHostException {
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (restricted(a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean restrictedV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return a0 == 0
                || a0 == 10
                || a0 == 127
                || a0 >= 224 // this network, private, loopback, multicast, reserved
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // CGNAT 100.64/10
                || (a0 == 169 && a1 == 254) // link-local
                || (a0 == 172 && a1 >= 16 && a1 <= 31) // private
                || (a0 == 192 && a1 == 168) // private
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF assignments, TEST-NET-1
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113); // TEST-NET-3
    }

    private static boolean restrictedV6(byte[] b) {
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc || first == 0xfe) {
            return true; // unique-local fc00::/7, link- and site-local fe00::/8
        }
        if (prefixZero(b, 12)) {
            return true; // ::/96 (IPv4-compatible), :: and ::1
        }
        if (prefixZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return restrictedV4(new byte[] {b[12], b[13], b[14], b[15]}); // mapped ::ffff:0:0/96
        }
        if (startsWith(b, 0x00, 0x64, 0xff, 0x9b) && prefixZero(b, 4, 12)) {
            return restrictedV4(new byte[] {b[12], b[13], b[14], b[15]}); // NAT64 64:ff9b::/96
        }
        if (startsWith(b, 0x20, 0x02)) {
            return restrictedV4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4 2002::/16
        }
        return startsWith(b, 0x20, 0x01, 0x00, 0x00) // Teredo 2001::/32
                || startsWith(b, 0x20, 0x01, 0x0d, 0xb8) // documentation 2001:db8::/32
                || (startsWith(b, 0x01, 0x00) && prefixZero(b, 2, 8)); // discard-only 100::/64
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean prefixZero(byte[] b, int to) {
        return prefixZero(b, 0, to);
    }

    private static boolean prefixZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
