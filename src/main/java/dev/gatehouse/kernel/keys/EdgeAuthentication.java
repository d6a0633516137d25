package dev.gatehouse.kernel.keys;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.ProblemRenderer;
import dev.gatehouse.kernel.web.RateLimitFilter;
import dev.gatehouse.kernel.web.RateLimits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import java.io.IOException;

/**
 * The edge around API-key authentication: one 401 for every refusal (counted by reason, with no key
 * or tenant in the metric, and charged to the client IP's rate limit so keys cannot be guessed
 * quickly), and the per-key rate-limit subject for admitted callers.
 */
public final class EdgeAuthentication implements AuthenticationFailures {

    private final ProblemRenderer problems;
    private final RateLimits rateLimits;
    private final MeterRegistry meters;
    private final AuditLog audit;

    public EdgeAuthentication(
            ProblemRenderer problems, RateLimits rateLimits, MeterRegistry meters, AuditLog audit) {
        this.audit = audit;
        this.problems = problems;
        this.rateLimits = rateLimits;
        this.meters = meters;
    }

    @Override
    public void refuse(
            HttpServletRequest request, HttpServletResponse response, KeyVerification outcome)
            throws IOException {
        Counter.builder("gatehouse.auth.refused")
                .tag("reason", outcome.reason())
                .description("API requests refused at authentication")
                .register(meters)
                .increment();
        recordKnownKey(request, outcome);
        if (!rateLimits.checkIp(request, response)) {
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        problems.write(request, response, ApiProblem.unauthorized());
    }

    /**
     * A refused key that we know (revoked, expired, suspended tenant) is a security decision about
     * a real principal and is audited before the answer. Unknown or malformed keys are only
     * counted: they name nobody, and auditing them would let anyone fill the log.
     */
    private void recordKnownKey(HttpServletRequest request, KeyVerification outcome) {
        record Known(String keyId, @Nullable TenantId tenant) {}
        Known known =
                switch (outcome) {
                    case KeyVerification.Revoked(String id, TenantId t) -> new Known(id, t);
                    case KeyVerification.Expired(String id, TenantId t) -> new Known(id, t);
                    case KeyVerification.TenantSuspended(String id, TenantId t) -> new Known(id, t);
                    case KeyVerification.Valid v -> null;
                    case KeyVerification.NotFound n -> null;
                };
        if (known != null) {
            audit.record(
                    AuditEntry.of(
                                    known.tenant(),
                                    Actor.apiKey(known.keyId(), null),
                                    "api_key.rejected")
                            .withTarget(
                                    "request", request.getMethod() + " " + request.getRequestURI())
                            .denied(outcome.reason()));
        }
    }

    @Override
    public boolean admitted(Caller caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        request.setAttribute(RateLimitFilter.SUBJECT_ATTRIBUTE, "key:" + caller.keyPublicId());
        return true;
    }
}
