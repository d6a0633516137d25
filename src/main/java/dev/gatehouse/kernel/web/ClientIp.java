package dev.gatehouse.kernel.web;

import jakarta.servlet.http.HttpServletRequest;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the client address of a request. The socket peer is the answer unless it is one of the
 * trusted proxies ({@code TRUSTED_PROXIES}: IPv4/IPv6 addresses or CIDRs); then {@code
 * X-Forwarded-For} is walked from the right, skipping trusted hops. The walk stops at the first
 * untrusted entry, which is the client. Entries left of it were written by the client and are never
 * believed. If the walk meets an unreadable entry, or every hop is trusted, the answer is the last
 * trusted address walked: the nearest hop we can vouch for.
 *
 * <p>Only IP literals are parsed; nothing here ever resolves a host name. Thread-safe.
 */
public final class ClientIp {

    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

    private record Cidr(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Cidr> trusted;

    /**
     * @throws IllegalArgumentException naming the first entry that is not an IP or CIDR
     */
    public ClientIp(List<String> trustedProxies) {
        var parsed = new ArrayList<Cidr>();
        for (String entry : trustedProxies) {
            parsed.add(parseCidr(entry.strip()));
        }
        this.trusted = List.copyOf(parsed);
    }

    /** The client address of {@code request}, in canonical textual form. */
    public String resolve(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        Optional<InetAddress> peerAddress = parse(peer);
        if (peerAddress.isEmpty() || !isTrusted(peerAddress.get())) {
            return peerAddress.map(InetAddress::getHostAddress).orElse(peer);
        }
        List<String> hops = forwardedHops(request.getHeaders("X-Forwarded-For"));
        InetAddress nearest = peerAddress.get();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = parse(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            if (!isTrusted(hop.get())) {
                return hop.get().getHostAddress();
            }
            nearest = hop.get();
        }
        return nearest.getHostAddress();
    }

    boolean isTrusted(InetAddress address) {
        byte[] bytes = address.getAddress();
        return trusted.stream().anyMatch(c -> c.contains(bytes));
    }

    private static List<String> forwardedHops(Enumeration<String> headers) {
        var hops = new ArrayList<String>();
        while (headers != null && headers.hasMoreElements()) {
            for (String part : headers.nextElement().split(",")) {
                hops.add(part.strip());
            }
        }
        return hops;
    }

    /** Parses an IP literal, tolerating {@code [v6]}, {@code [v6]:port} and {@code v4:port}. */
    static Optional<InetAddress> parse(String text) {
        String s = text.strip();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            s = end < 0 ? "" : s.substring(1, end);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':') && s.contains(".")) {
            s = s.substring(0, s.indexOf(':'));
        }
        boolean literal =
                (IPV4.matcher(s).matches() && validOctets(s))
                        || (s.contains(":") && IPV6.matcher(s).matches());
        if (!literal) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean validOctets(String v4) {
        for (String octet : v4.split("\\.")) {
            if ((octet.length() > 1 && octet.charAt(0) == '0') || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static Cidr parseCidr(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress address =
                parse(host)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "trusted_proxies entries must be IP addresses or"
                                                        + " CIDRs, was '"
                                                        + entry
                                                        + "'"));
        int max = address instanceof Inet4Address ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException(
                        "trusted_proxies prefix must be between 0 and "
                                + max
                                + ", was '"
                                + entry
                                + "'");
            }
        }
        return new Cidr(address.getAddress(), prefix);
    }
}
