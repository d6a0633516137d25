package dev.gatehouse.domains.widget;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.ProblemRenderer;
import dev.gatehouse.kernel.web.RateLimits;
import dev.gatehouse.kernel.web.RequestPaths;

import io.micrometer.core.instrument.MeterRegistry;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * The edge of the widget API ({@code /widget/v1/…} except the public {@code connect.js}): the one
 * place where a {@link WidgetGate.Admission} becomes HTTP.
 *
 * <ul>
 *   <li>Admitted: {@code Access-Control-Allow-Origin: <that origin>}, and the request goes on with
 *       its {@link WidgetSession}; counted against a per-token rate limit.
 *   <li>No usable token: 401, never saying why, charged to the client IP's rate limit. It carries
 *       the CORS header only for an origin that could pass a preflight, so the script can read the
 *       401 and say the session expired; that tells nobody more than the preflight does.
 *   <li>A valid token from an origin its application does not list (or with no {@code Origin}): 403
 *       and no {@code Access-Control-*} header at all; audited as a denial of that token.
 *   <li>Preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}; browsers send no
 *       {@code Authorization} with it, so the application is unknown): 204 with CORS headers when
 *       some active application lists the origin, else 403 without them. It opens nothing: the
 *       request that follows must still pass the token and origin check of its own application.
 * </ul>
 *
 * Every answer varies on {@code Origin} and is {@code no-store}.
 */
final class WidgetFilter extends OncePerRequestFilter {

    static final String PREFIX = "/widget/v1/";
    static final String SCRIPT = PREFIX + "connect.js";
    static final String ALLOWED_METHODS = "GET, POST";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    static final String EXPOSED_HEADERS = "X-Request-Id, Retry-After";
    static final String MAX_AGE = "600";

    private static final Logger log = LoggerFactory.getLogger(WidgetFilter.class);

    private final WidgetGate gate;
    private final RateLimits limits;
    private final ProblemRenderer problems;
    private final MeterRegistry meters;
    private final AuditLog audit;

    WidgetFilter(
            WidgetGate gate,
            RateLimits limits,
            ProblemRenderer problems,
            MeterRegistry meters,
            AuditLog audit) {
        this.audit = audit;
        this.gate = gate;
        this.limits = limits;
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.routed(request);
        return !path.startsWith(PREFIX) || path.equals(SCRIPT);
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.addHeader("Vary", "Origin");
        response.setHeader("Cache-Control", "no-store");
        String origin = request.getHeader("Origin");
        if ("OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null) {
            preflight(request, response, origin);
            return;
        }
        switch (gate.admit(request.getHeader("Authorization"), origin)) {
            case WidgetGate.Admitted(WidgetSession session) -> {
                response.setHeader("Access-Control-Allow-Origin", session.origin());
                response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
                if (limits.check("widget:" + session.token().id(), limits.perKey(), response)) {
                    request.setAttribute(WidgetSession.ATTRIBUTE, session);
                    chain.doFilter(request, response);
                }
            }
            case WidgetGate.Refused(WidgetVerification.Reason reason) -> {
                refused(reason.wire());
                if (gate.embeddingOrigin(origin)) {
                    response.setHeader("Access-Control-Allow-Origin", origin);
                }
                if (limits.checkIp(request, response)) {
                    response.setHeader("WWW-Authenticate", "Bearer");
                    problems.write(request, response, ApiProblem.unauthorized());
                }
            }
            case WidgetGate.OriginNotAllowed(WidgetToken token, TenantId tenant) -> {
                refused("origin_not_allowed");
                audit.recordAsync(
                        AuditEntry.of(
                                        tenant,
                                        Actor.credential(token.id(), "widget token"),
                                        "request.denied")
                                .withTarget(
                                        "request",
                                        request.getMethod() + " " + request.getRequestURI())
                                .denied("origin_not_allowed")
                                .withDetails(Map.of("origin", origin == null ? "(none)" : origin)));
                problems.write(
                        request,
                        response,
                        ApiProblem.forbidden(
                                "This page's origin may not use the widget of this application."));
            }
        }
    }

    private void preflight(
            HttpServletRequest request, HttpServletResponse response, String origin) {
        if (!limits.checkIp(request, response)) {
            return;
        }
        if (!gate.embeddingOrigin(origin)) {
            refused("preflight_origin_not_allowed");
            problems.write(
                    request,
                    response,
                    ApiProblem.forbidden("This origin may not embed the widget."));
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
        response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        response.setHeader("Access-Control-Max-Age", MAX_AGE);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private void refused(String reason) {
        log.debug("Widget request refused: {}", reason);
        meters.counter("gatehouse.widget.refused", "reason", reason).increment();
    }
}
