package dev.gatehouse.domains.webhooks;

import dev.gatehouse.kernel.web.RestrictedAddresses;

import org.jspecify.annotations.Nullable;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may be sent.
 *
 * <p>A webhook URL is an absolute {@code https} URL (plain {@code http} only where private targets
 * are allowed, that is in development) with a host, no user information, no fragment, at most
 * {@link #MAX_LENGTH} characters. Where private targets are not allowed, the URL may not name
 * {@code localhost} or an address that is not public, and at send time every address the host
 * resolves to must be public: a name that points at the inside of the network is refused although
 * the name itself looked harmless. See {@link #restricted} for the address ranges.
 *
 * <p>The host is resolved once per attempt, here, and {@link SendCheck.Allowed} carries the address
 * the post must connect to: the transport never resolves the name again, so a name that answers a
 * public address to the check and a private one a moment later (DNS rebinding) cannot turn the
 * check's verdict around (ADR 24).
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

        /**
         * Send to {@code uri}, connecting to {@code address}: the first address of the answer the
         * check saw (as the system client would pick it), every one of which passed the check. TLS
         * still verifies the certificate against {@code uri}'s host name.
         */
        record Allowed(URI uri, InetAddress address) implements SendCheck {}

        /** Never send; {@code reason} is {@code private_target} or {@code invalid_target}. */
        record Refused(String reason) implements SendCheck {}

        /** The host did not resolve now; try again later. */
        record Unresolved() implements SendCheck {}
    }

    private WebhookTargets() {}

    /**
     * What is wrong with {@code url} as a webhook target, as a message for a 400 on {@code
     * webhook_url}; empty when it is acceptable. Does not resolve the host.
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
     * The send-time check: the URL must still pass {@link #problem}; its host is resolved once and,
     * unless private targets are allowed, every address of the answer must be public. The verdict
     * names the address to connect to.
     */
    public static SendCheck atSendTime(String url, boolean allowPrivate, Resolver resolver) {
        Optional<String> problem = problem(url, allowPrivate);
        if (problem.isPresent()) {
            return new SendCheck.Refused(
                    problem.get().contains("private") ? "private_target" : "invalid_target");
        }
        URI uri = URI.create(url);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare(uri.getHost()));
        } catch (UnknownHostException e) {
            return new SendCheck.Unresolved();
        }
        if (addresses.length == 0) {
            return new SendCheck.Unresolved();
        }
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                if (restricted(a)) {
                    return new SendCheck.Refused("private_target");
                }
            }
        }
        return new SendCheck.Allowed(uri, addresses[0]);
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

    /** True for addresses a webhook must not reach; see {@link RestrictedAddresses}. */
    public static boolean restricted(InetAddress address) {
        return RestrictedAddresses.restricted(address);
    }

    /** The address a literal host names, without any lookup; null for a name. */
    private static @Nullable InetAddress literal(String host) {
        try {
            return host.contains(":") ? Inet6Address.ofLiteral(host) : Inet4Address.ofLiteral(host);
        } catch (IllegalArgumentException notALiteral) {
            return null;
        }
    }

    /** {@code host} without the brackets of an IPv6 literal. */
    static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1)
                : host;
    }
}
