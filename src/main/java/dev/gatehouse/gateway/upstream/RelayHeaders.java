package dev.gatehouse.gateway.upstream;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.hc.core5.http.Header;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which headers cross the gateway. Pure, thread-safe.
 *
 * <p>Towards the upstream: never the client's credentials ({@code Authorization}, {@code
 * x-api-key}, {@code Cookie}), {@code Proxy-*}, the hop-by-hop headers ({@code Connection}, {@code
 * Keep-Alive}, {@code TE}, {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade} and every
 * header {@code Connection} names), {@code Host}, {@code Content-Length} and {@code Expect} (the
 * client sets these for its own hop), the forwarding headers a client could forge ({@code
 * Forwarded}, {@code X-Forwarded-Host}/{@code -Proto}/{@code -Port}, {@code X-Real-IP}), and any
 * header the upstream auth sets. {@code X-Forwarded-For} and {@code X-Request-Id} are set by the
 * relay.
 *
 * <p>Towards the client: never the hop-by-hop headers, {@code Proxy-*}, {@code Set-Cookie} or
 * {@code Set-Cookie2} (the upstream session is the gateway's, not the client's), and not {@code
 * Content-Length} (the relay sets it from the body it streams).
 */
final class RelayHeaders {

    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade");
    private static final Set<String> NOT_FORWARDED =
            Set.of(
                    "authorization",
                    "x-api-key",
                    "cookie",
                    "cookie2",
                    "host",
                    "content-length",
                    "expect",
                    "forwarded",
                    "x-forwarded-for",
                    "x-forwarded-host",
                    "x-forwarded-proto",
                    "x-forwarded-port",
                    "x-real-ip",
                    "x-request-id",
                    "http2-settings");
    private static final Set<String> NOT_RETURNED =
            Set.of("set-cookie", "set-cookie2", "content-length");

    private RelayHeaders() {}

    /** A header to send: name and value as the client sent them. */
    record Forwarded(String name, String value) {}

    /** The client's headers that go on to the upstream, in their order. */
    static List<Forwarded> toUpstream(HttpServletRequest in, Set<String> injectedLowerCase) {
        Set<String> named = connectionNamed(Collections.list(in.getHeaders("Connection")));
        List<Forwarded> out = new ArrayList<>();
        for (String name : Collections.list(in.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower)
                    || NOT_FORWARDED.contains(lower)
                    || lower.startsWith("proxy-")
                    || named.contains(lower)
                    || injectedLowerCase.contains(lower)) {
                continue;
            }
            for (String value : Collections.list(in.getHeaders(name))) {
                out.add(new Forwarded(name, value));
            }
        }
        return out;
    }

    /** The client's {@code X-Forwarded-For}, if any, with {@code clientIp} appended. */
    static String forwardedFor(HttpServletRequest in, String clientIp) {
        List<String> prior = Collections.list(in.getHeaders("X-Forwarded-For"));
        String joined = String.join(", ", prior).strip();
        return joined.isEmpty() ? clientIp : joined + ", " + clientIp;
    }

    /** True when the upstream's header {@code name} may be returned to the client. */
    static boolean toClient(String name, Set<String> connectionNamed) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !HOP_BY_HOP.contains(lower)
                && !NOT_RETURNED.contains(lower)
                && !lower.startsWith("proxy-")
                && !connectionNamed.contains(lower);
    }

    /** The header names listed in the {@code Connection} headers, lower-cased. */
    static Set<String> connectionNamed(List<String> connectionValues) {
        Set<String> names = new HashSet<>();
        for (String v : connectionValues) {
            for (String token : v.split(",")) {
                String t = token.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    names.add(t);
                }
            }
        }
        return names;
    }

    /** The {@code Connection} values of an upstream answer. */
    static List<String> connectionValues(Header @Nullable [] headers) {
        List<String> values = new ArrayList<>();
        if (headers != null) {
            for (Header h : headers) {
                values.add(h.getValue());
            }
        }
        return values;
    }
}
