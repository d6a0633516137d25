package dev.gatehouse.kernel.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * Security headers on every response of the public listener, set before the chain runs so error
 * answers carry them too: {@code nosniff}, {@code no-referrer}, {@code frame-ancestors 'none'} with
 * {@code X-Frame-Options: DENY}, HSTS in production, and {@code Cache-Control: no-store} on {@code
 * /v1/}.
 *
 * <p><b>Seam for framed pages.</b> A request is allowed into a frame (no {@code frame-ancestors}
 * CSP, no {@code X-Frame-Options}) when the {@code frameable} predicate says so — a path under one
 * of the prefixes the installed products declare as framed ({@link #framedUnder}) — or when an
 * earlier filter set {@link #FRAMEABLE_ATTRIBUTE}. Such pages send their own {@code
 * frame-ancestors} (an embeddable widget builds it from the origins allowed to embed it). Portal
 * pages set their stricter CSP themselves; this filter never overwrites a CSP a later handler sets.
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {

    /** Request attribute: set to {@code Boolean.TRUE} before this filter runs to allow framing. */
    public static final String FRAMEABLE_ATTRIBUTE =
            SecurityHeadersFilter.class.getName() + ".frameable";

    /** Frameable: the paths under any of {@code prefixes} (such as {@code /embed/}). */
    public static Predicate<HttpServletRequest> framedUnder(java.util.List<String> prefixes) {
        java.util.List<String> copy = java.util.List.copyOf(prefixes);
        return r -> copy.stream().anyMatch(path(r)::startsWith);
    }

    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final boolean production;
    private final Predicate<HttpServletRequest> frameable;

    public SecurityHeadersFilter(boolean production, Predicate<HttpServletRequest> frameable) {
        this.production = production;
        this.frameable = frameable;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean framed =
                Boolean.TRUE.equals(request.getAttribute(FRAMEABLE_ATTRIBUTE))
                        || frameable.test(request);
        set(response, production, !framed);
        if (path(request).startsWith("/v1/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }

    /**
     * The headers of an answer the container gives before any filter runs (a request Tomcat
     * refuses): never framed, never cached.
     */
    static void setOnRefusal(HttpServletResponse response, boolean production) {
        set(response, production, true);
        response.setHeader("Cache-Control", "no-store");
    }

    private static void set(HttpServletResponse response, boolean production, boolean noFrames) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (noFrames) {
            response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
            response.setHeader("X-Frame-Options", "DENY");
        }
        if (production) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
    }

    /** The request path inside the application, without context path. */
    static String path(HttpServletRequest request) {
        return RequestPaths.routed(request);
    }
}
