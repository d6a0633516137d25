package dev.gatehouse.domains.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where a webhook may be sent.
 *
 * <p>A webhook URL is an absolute {@code https} URL (plain {@code http} only where private
 * targets are allowed, that is in development) with a host, no user information, no fragment, at
 * most {@link #MAX_LENGTH} characters. Where private targets are not allowed, the URL may not
 * name {@code localhost} or an address that is not public, and at send time every address the
 * host resolves to must be public: a name that points at the inside of the network is refused
 * although the name itself looked harmless. See {@link #restricted} for the address ranges.
 *
 * <p>Pure apart from the injected {@link Resolver}; thread-safe.
 */
public final class WebhookTargets {

    public static final int MAX_LENGTH = 2048;

    /** Resolves a host name to its addresses; {@link #SYSTEM} in production, a fake in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM = InetAddress::getAllByName;

    /** The verdict on a target at send time. */
    public sealed interface SendCheck {

        record Allowed(URI uri) implements SendCheck { }

        /** Never send; {@code reason} is {@code private_target} or {@code invalid_target}. */
        record Refused(String reason) implements SendCheck { }

        /** The host did not resolve now; try again later. */
        record Unresolved() implements SendCheck { }
    }

    private WebhookTargets() {
    }

    /**
     * What is wrong with {@code url} as a webhook target, as a message for a 400 on
     * {@code webhook_url}; empty when it is acceptable. Does not resolve the host.
     */
    public static Optional<String> problem(String url, boolean allowPrivate) {
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be a valid absolute URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque()) {
            return Optional.of("must be a valid absolute URL");
        }
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            return Optional.of(allowPrivate ? "must use https or http" : "must use https");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain user information");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must have a host");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        if (!allowPrivate && privateName(uri.getHost())) {
            return Optional.of("must not point at a private, loopback or link-local address");
        }
        return Optional.empty();
    }

    /**
     * The send-time check: the URL must still pass {@link #problem}, and unless private targets are
     * allowed every address its host resolves to must be public.
     */
    public static SendCheck atSendTime(String url, boolean allowPrivate, Resolver resolver) {
        Optional<String> problem = problem(url, allowPrivate);
        if (problem.isPresent()) {
            return new SendCheck.Refused(problem.get().contains("private") ? "private_target" : "invalid_target");
        }
        URI uri = URI.create(url);
        if (allowPrivate) {
            return new SendCheck.Allowed(uri);
        }
        try {
            InetAddress[] addresses = resolver.resolve(bare(uri.getHost()));
            if (addresses.length == 0) {
                return new SendCheck.Unresolved();
            }
            for (InetAddress a : addresses) {
                if (restricted(a)) {
                    return new SendCheck.Refused("private_target");
                }
            }
            return new SendCheck.Allowed(uri);
        } catch (UnknownHostException e) {
            return new SendCheck.Unresolved();
        }
    }

    /** True for {@code localhost} names and for literal addresses that are not public. */
    static boolean privateName(String host) {
        String h = bare(host).toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        InetAddress literal = literal(h);
        return literal != null && restricted(literal);
    }

    /**
     * True for addresses a webhook must not reach: unspecified, loopback, private (RFC 1918),
     * shared CGNAT space, link-local, unique-local and site-local, multicast, broadcast and reserved
     * ranges, documentation and benchmark networks, and IPv6 forms that embed such an IPv4 address
     * (compatible, NAT64, 6to4) or hide one (Teredo).
     */
    public static boolean restricted(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        return address instanceof Inet4Address ? restrictedV4(b) : restrictedV6(b);
    }

    private static boolean restrictedV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224                 // this network, private, loopback, multicast, reserved
                || (a0 == 100 && a1 >= 64 && a1 <= 127)                      // CGNAT 100.64/10
                || (a0 == 169 && a1 == 254)                                  // link-local
                || (a0 == 172 && a1 >= 16 && a1 <= 31)                       // private
                || (a0 == 192 && a1 == 168)                                  // private
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))            // IETF assignments, TEST-NET-1
                || (a0 == 198 && (a1 == 18 || a1 == 19))                     // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)                      // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113);                      // TEST-NET-3
    }

    private static boolean restrictedV6(byte[] b) {
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc || first == 0xfe) {
            return true;                                                     // unique-local fc00::/7, link- and site-local fe00::/8
        }
        if (prefixZero(b, 12)) {
            return true;                                                     // ::/96 (IPv4-compatible), :: and ::1
        }
        if (startsWith(b, 0x00, 0x64, 0xff, 0x9b) && prefixZero(b, 4, 12)) {
            return restrictedV4(new byte[] {b[12], b[13], b[14], b[15]});    // NAT64 64:ff9b::/96
        }
        if (startsWith(b, 0x20, 0x02)) {
            return restrictedV4(new byte[] {b[2], b[3], b[4], b[5]});        // 6to4 2002::/16
        }
        return startsWith(b, 0x20, 0x01, 0x00, 0x00)                         // Teredo 2001::/32
                || startsWith(b, 0x20, 0x01, 0x0d, 0xb8)                     // documentation 2001:db8::/32
                || (startsWith(b, 0x01, 0x00) && prefixZero(b, 2, 8));       // discard-only 100::/64
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

    /** The address a literal host names, without any lookup; null for a name. */
    private static @Nullable InetAddress literal(String host) {
        try {
            return host.contains(":") ? Inet6Address.ofLiteral(host) : Inet4Address.ofLiteral(host);
        } catch (IllegalArgumentException notALiteral) {
            return null;
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
