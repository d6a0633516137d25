package dev.gatehouse.kernel.keys;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.ProblemRenderer;
import dev.gatehouse.kernel.web.RateLimitFilter;
import dev.gatehouse.kernel.web.RateLimits;

/**
 * The edge around API-key authentication: one 401 for every refusal (counted by reason, with no
 * key or tenant in the metric, and charged to the client IP's rate limit so keys cannot be guessed
 * quickly), and the per-key rate-limit subject for admitted callers.
 */
public final class EdgeAuthentication implements AuthenticationFailures {

    private final ProblemRenderer problems;
    private final RateLimits rateLimits;
    private final MeterRegistry meters;

    public EdgeAuthentication(ProblemRenderer problems, RateLimits rateLimits, MeterRegistry meters) {
        this.problems = problems;
        this.rateLimits = rateLimits;
        this.meters = meters;
    }

    @Override
    public void refuse(HttpServletRequest request, HttpServletResponse response, KeyVerification outcome)
            throws IOException {
        Counter.builder("gatehouse.auth.refused").tag("reason", outcome.reason())
                .description("API requests refused at authentication").register(meters).increment();
        if (!rateLimits.checkIp(request, response)) {
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        problems.write(request, response, ApiProblem.unauthorized());
    }

    @Override
    public boolean admitted(Caller caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        request.setAttribute(RateLimitFilter.SUBJECT_ATTRIBUTE, "key:" + caller.keyPublicId());
        return true;
    }
}
