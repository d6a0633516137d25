package dev.gatehouse.kernel.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The edge of rate limiting: checks a subject against a limit and turns the decision into HTTP.
 * Every checked response carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code
 * RateLimit-Reset}; a limited one is answered here with 429 {@code rate_limited} and {@code
 * Retry-After}. Callers stop when a check returns false.
 */
public final class RateLimits {

    private final RateLimiter limiter;
    private final RateLimit perIp;
    private final RateLimit perKey;
    private final ProblemRenderer renderer;

    public RateLimits(
            RateLimiter limiter, RateLimit perIp, RateLimit perKey, ProblemRenderer renderer) {
        this.limiter = limiter;
        this.perIp = perIp;
        this.perKey = perKey;
        this.renderer = renderer;
    }

    /** Built from the settings: {@code ip} and {@code key} limits per minute. */
    public static RateLimits of(
            RateLimiter limiter, WebSettings settings, ProblemRenderer renderer) {
        return new RateLimits(
                limiter,
                RateLimit.perMinute("ip", settings.rateLimitIpPerMinute()),
                RateLimit.perMinute("key", settings.rateLimitKeyPerMinute()),
                renderer);
    }

    /**
     * Per-IP check for an unauthenticated request (or a rejected credential); false when 429 was
     * sent.
     */
    public boolean checkIp(HttpServletRequest request, HttpServletResponse response) {
        String ip =
                request.getAttribute(RequestInfo.ATTRIBUTE) instanceof RequestInfo info
                        ? info.clientIp()
                        : request.getRemoteAddr();
        return check("ip:" + ip, perIp, response);
    }

    /** Per-API-key check after authentication; false when 429 was sent. */
    public boolean checkKey(String keyId, HttpServletResponse response) {
        return check("key:" + keyId, perKey, response);
    }

    /**
     * Any subject against any limit (per-account login, token exchange); false when 429 was sent.
     */
    public boolean check(String subjectKey, RateLimit limit, HttpServletResponse response) {
        RateDecision decision = limiter.tryConsume(subjectKey, limit);
        response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        return switch (decision) {
            case RateDecision.Allowed _ -> true;
            case RateDecision.Limited limited -> {
                renderer.write(response, ApiProblem.rateLimited(limited.retryAfterSeconds()));
                yield false;
            }
        };
    }

    public RateLimit perIp() {
        return perIp;
    }

    public RateLimit perKey() {
        return perKey;
    }
}
