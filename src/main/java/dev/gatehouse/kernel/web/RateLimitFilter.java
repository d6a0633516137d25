package dev.gatehouse.kernel.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Rate limits the API ({@code /v1/}). Ordered <em>after</em> the authentication filter: when that
 * filter accepted a credential it sets {@link #SUBJECT_ATTRIBUTE} (for example {@code key:key_abc})
 * and the request is counted against the per-key limit; otherwise it counts against the per-IP
 * limit. The authentication filter should itself call {@link RateLimits#checkIp} before answering
 * 401, so credential guessing is limited too.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

    /** Request attribute naming the authenticated subject, e.g. {@code key:key_abc}. */
    public static final String SUBJECT_ATTRIBUTE = RateLimitFilter.class.getName() + ".subject";

    private final RateLimits limits;

    public RateLimitFilter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !SecurityHeadersFilter.path(request).startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean allowed =
                request.getAttribute(SUBJECT_ATTRIBUTE) instanceof String subject
                                && !subject.isBlank()
                        ? limits.check(subject, limits.perKey(), response)
                        : limits.checkIp(request, response);
        if (allowed) {
            chain.doFilter(request, response);
        }
    }
}
