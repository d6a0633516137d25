package dev.gatehouse.kernel.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * CORS for the bearer-authenticated API ({@code /v1/}). The API carries no ambient cookies, so by
 * default any well-formed origin is reflected; with {@code CORS_ALLOWED_ORIGINS} set only those
 * origins are. Credentials are never allowed. A disallowed origin gets no CORS headers, and its
 * preflight a 403 problem. Paths outside {@code /v1/} (portal, widget) get nothing from here.
 */
public final class ApiCorsFilter extends OncePerRequestFilter {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS =
            "Authorization, Content-Type, X-Request-Id, Idempotency-Key";
    static final String EXPOSED_HEADERS =
            "X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset";
    static final String MAX_AGE = "600";

    private final Set<String> allowedOrigins;
    private final ProblemRenderer renderer;

    /**
     * @param allowedOrigins the only origins allowed; empty reflects every well-formed origin
     */
    public ApiCorsFilter(List<String> allowedOrigins, ProblemRenderer renderer) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.renderer = renderer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !SecurityHeadersFilter.path(request).startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.addHeader("Vary", "Origin");
        String origin = request.getHeader("Origin");
        boolean preflight =
                "OPTIONS".equals(request.getMethod())
                        && origin != null
                        && request.getHeader("Access-Control-Request-Method") != null;
        if (origin == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!isAllowed(origin)) {
            if (preflight) {
                renderer.write(request, response, Problems.originNotAllowed());
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        if (preflight) {
            response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
            response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            response.setHeader("Access-Control-Max-Age", MAX_AGE);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        chain.doFilter(request, response);
    }

    boolean isAllowed(String origin) {
        return allowedOrigins.isEmpty()
                ? WebSettings.isHttpOrigin(origin)
                : allowedOrigins.contains(origin);
    }
}
