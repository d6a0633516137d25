package dev.gatehouse.gateway.upstream;

import dev.gatehouse.kernel.web.RestrictedAddresses;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Whether an upstream's host is off the public internet, which it may not be when {@code
 * GATEWAY_ALLOW_PRIVATE_UPSTREAMS} is false: the kernel's {@link RestrictedAddresses} (the same
 * ranges as webhook targets and license servers), plus {@code localhost} names. Pure.
 */
final class PrivateAddresses {

    private PrivateAddresses() {}

    static boolean restricted(InetAddress address) {
        return RestrictedAddresses.restricted(address);
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
}
