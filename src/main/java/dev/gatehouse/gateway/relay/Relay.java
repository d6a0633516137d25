package dev.gatehouse.gateway.relay;

import dev.gatehouse.gateway.GatewayModule;
import dev.gatehouse.gateway.access.CallerCheck;
import dev.gatehouse.gateway.access.GatewayCaller;
import dev.gatehouse.gateway.access.GatewayCallers;
import dev.gatehouse.gateway.access.Refusal;
import dev.gatehouse.gateway.controls.Controls;
import dev.gatehouse.gateway.controls.RelayControls;
import dev.gatehouse.gateway.events.GatewayEvent;
import dev.gatehouse.gateway.events.GatewayEvent.Check;
import dev.gatehouse.gateway.events.GatewayMetrics;
import dev.gatehouse.gateway.events.RelayHours;
import dev.gatehouse.gateway.policy.Admission;
import dev.gatehouse.gateway.policy.CredentialKind;
import dev.gatehouse.gateway.policy.Decision;
import dev.gatehouse.gateway.policy.DenyReason;
import dev.gatehouse.gateway.policy.RateCheck;
import dev.gatehouse.gateway.policy.RelayDecision;
import dev.gatehouse.gateway.upstream.RelayAborted;
import dev.gatehouse.gateway.upstream.RelayResult;
import dev.gatehouse.gateway.upstream.UpstreamRelay;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.ProblemRenderer;
import dev.gatehouse.kernel.web.RateDecision;
import dev.gatehouse.kernel.web.RateLimit;
import dev.gatehouse.kernel.web.RateLimiter;
import dev.gatehouse.kernel.web.RateLimits;
import dev.gatehouse.kernel.web.RequestInfo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code ANY /gateway/v1/erp/{path…}}: the relay's HTTP edge.
 *
 * <p>Design: this class gathers facts and acts; it decides nothing. Checks 2–3 come from {@link
 * GatewayCallers} (token, x-api-key, client address, credential state), the tenant's kill switch,
 * schedule and policies from {@link Controls} (read on every request), the catalog from {@link
 * CatalogView}; {@link RelayDecision#decide} then applies checks 1–8 in the contract's order,
 * asking the rate limiter only when 1–7 passed. A refusal is answered with its problem (401s never
 * say why); an allowed request goes to {@link UpstreamRelay}, which streams it. Every request ends
 * with one audit event written by group commit and waited for before this servlet returns, so a
 * response is complete only once its event is committed, while concurrent relays share one
 * transaction. A request whose token is unknown has no tenant: its event is a platform event.
 */
final class Relay extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The relay's rate-limit name: one bucket per credential set. */
    static final String LIMIT_NAME = "gateway_relay";

    private static final String PREFIX =
            GatewayModule.RELAY_PATH.substring(0, GatewayModule.RELAY_PATH.length() - 1);

    private final transient GatewayCallers callers;
    private final transient Controls controls;
    private final transient CatalogView catalog;
    private final transient UpstreamRelay upstream;
    private final transient RateLimiter limiter;
    private final transient RateLimits limits;
    private final transient AuditLog audit;
    private final transient GatewayMetrics metrics;
    private final transient RelayHours hours;
    private final transient ProblemRenderer problems;
    private final transient Clock clock;

    Relay(
            GatewayCallers callers,
            Controls controls,
            CatalogView catalog,
            UpstreamRelay upstream,
            RateLimiter limiter,
            RateLimits limits,
            AuditLog audit,
            GatewayMetrics metrics,
            RelayHours hours,
            ProblemRenderer problems,
            Clock clock) {
        this.callers = callers;
        this.controls = controls;
        this.catalog = catalog;
        this.upstream = upstream;
        this.limiter = limiter;
        this.limits = limits;
        this.audit = audit;
        this.metrics = metrics;
        this.hours = hours;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Instant at = clock.instant();
        RequestInfo info =
                RequestInfo.current()
                        .orElseThrow(() -> new IllegalStateException("no request info"));
        String method = request.getMethod();
        String rawPath = rawPath(request);
        String query = request.getQueryString();
        CallerCheck check =
                callers.check(bearer(request), request.getHeader("x-api-key"), info.clientIp());
        GatewayCaller who =
                switch (check) {
                    case CallerCheck.Allowed(GatewayCaller caller) -> caller;
                    case CallerCheck.Refused(Refusal reason, GatewayCaller known) -> known;
                };
        if (who == null) {
            // Guessing tokens costs the address its per-IP allowance, as on the API; a throttled
            // guess is answered 429 by the limiter and counted, not audited one by one.
            if (!limits.checkIp(request, response)) {
                metrics.relayDenied(DenyReason.RATE_LIMITED.code());
                return;
            }
            Refusal reason = ((CallerCheck.Refused) check).reason();
            commit(unknownToken(info, method, rawPath, query, reason));
            metrics.relayDenied(DenyReason.UNAUTHORIZED.code());
            answer(request, response, unauthorized());
            return;
        }
        RelayControls current =
                controls.forRelay(who.tenant(), who.accountId(), who.credentialId());
        Admission admission =
                switch (check) {
                    case CallerCheck.Allowed a -> new Admission.Admitted(kind(who));
                    case CallerCheck.Refused(Refusal reason, GatewayCaller known) ->
                            new Admission.Refused(reason.wire());
                };
        Decision decision =
                RelayDecision.decide(
                        current.facts(
                                admission, catalog.forRelay(who.tenant()), method, rawPath, at),
                        () -> rate(who));
        GatewayEvent event =
                GatewayEvent.relay(who.tenant())
                        .ref(info.ref())
                        .clientIp(info.clientIp())
                        .account(who.accountPublicId())
                        .actor(who.actorPublicId())
                        .credential(who.credentialPublicId(), who.clientId())
                        .token(who.tokenPublicId())
                        .request(method, PREFIX + rawPath, query);
        switch (decision) {
            case Decision.Deny deny -> {
                DecisionPath.denied(event, deny, who);
                // A 401 never says why; its audit event does (the refusal's own reason).
                commit(
                        event.denied(
                                deny.reason() == DenyReason.UNAUTHORIZED
                                        ? deny.detail()
                                        : deny.reason().code()));
                metrics.relayDenied(deny.reason().code());
                hours.count(who.tenant(), at, deny.reason().code());
                answer(request, response, problem(deny));
            }
            case Decision.Allow allow -> {
                DecisionPath.allowed(event, allow, who);
                relay(request, response, who, allow, query, info, event, at);
            }
        }
    }

    private void relay(
            HttpServletRequest request,
            HttpServletResponse response,
            GatewayCaller who,
            Decision.Allow allow,
            @Nullable String query,
            RequestInfo info,
            GatewayEvent event,
            Instant at)
            throws RelayAborted {
        RelayResult result;
        try {
            result =
                    upstream.relay(
                            who.tenant(),
                            request.getMethod(),
                            allow.path().upstreamPath(),
                            query,
                            request,
                            response,
                            info.ref(),
                            info.clientIp());
        } catch (RelayAborted aborted) {
            recordRelay(event, aborted.result(), who, at);
            throw aborted;
        }
        recordRelay(event, result, who, at);
    }

    private void recordRelay(
            GatewayEvent event, RelayResult result, GatewayCaller who, Instant at) {
        event.upstream(result.upstreamStatus(), result.latency())
                .responseStatus(result.responseStatus())
                .requestPreview(result.requestPreview(), result.requestBytes(), null)
                .responsePreview(result.responsePreview(), result.responseBytes(), null);
        metrics.upstream(
                result.upstreamStatus(),
                result.outcome() == RelayResult.Outcome.UPSTREAM_TIMEOUT,
                result.latency());
        if (result.outcome() == RelayResult.Outcome.RELAYED) {
            event.passed(Check.RELAY);
            commit(event.allowed());
            metrics.relayAllowed();
            hours.count(who.tenant(), at, null);
        } else {
            String reason = result.reason() == null ? "client_gone" : result.reason();
            event.failed(Check.RELAY, reason);
            commit(event.denied(reason));
            metrics.relayDenied(reason);
            hours.count(who.tenant(), at, reason);
        }
    }

    private RateCheck.Outcome rate(GatewayCaller who) {
        RateDecision taken =
                limiter.tryConsume(
                        "cred:" + who.credentialPublicId(),
                        RateLimit.perMinute(LIMIT_NAME, who.rateLimitPerMinute()));
        return switch (taken) {
            case RateDecision.Allowed a -> new RateCheck.Within();
            case RateDecision.Limited limited ->
                    new RateCheck.Exceeded(Duration.ofSeconds(limited.retryAfterSeconds()));
        };
    }

    /** Waits until the batch holding the event is committed (group commit). */
    private void commit(AuditEntry entry) {
        audit.recordDurably(entry);
    }

    private static AuditEntry unknownToken(
            RequestInfo info,
            String method,
            String rawPath,
            @Nullable String query,
            Refusal reason) {
        return AuditEntry.of(null, Actor.system("gateway"), GatewayEvent.RELAY_DENIED)
                .denied(reason.wire())
                .withDetails(
                        Map.of(
                                "decision_path",
                                List.of(
                                        Map.of("check", Check.KILL_SWITCH.wire(), "result", "skip"),
                                        Map.of(
                                                "check",
                                                Check.TOKEN.wire(),
                                                "result",
                                                "fail",
                                                "reason",
                                                reason.wire())),
                                "request",
                                Map.of("method", method, "path", PREFIX + rawPath)))
                .withRequest(info.ref(), info.clientIp(), null);
    }

    private static CredentialKind kind(GatewayCaller who) {
        return who.unrestricted() ? CredentialKind.ADMIN_UNRESTRICTED : CredentialKind.STANDARD;
    }

    private static ApiProblem problem(Decision.Deny deny) {
        DenyReason reason = deny.reason();
        return switch (reason) {
            case UNAUTHORIZED -> unauthorized();
            case KILL_SWITCH_ENGAGED ->
                    ApiProblem.unavailable(
                            reason.code(), "Access to the ERP is suspended by its owner.");
            case INVALID_PATH ->
                    new ApiProblem(
                            400,
                            reason.code(),
                            "Invalid path",
                            "The path is not in canonical form; it is refused, not normalized.",
                            List.of(),
                            null);
            case UNKNOWN_ENDPOINT ->
                    new ApiProblem(
                            404,
                            reason.code(),
                            "Unknown endpoint",
                            "No catalog endpoint has this method and path.",
                            List.of(),
                            null);
            case POLICY_DENIED ->
                    new ApiProblem(
                            403,
                            reason.code(),
                            "Forbidden",
                            "No policy grants this credential this method and path.",
                            List.of(),
                            null);
            case OUTSIDE_SCHEDULE -> outsideSchedule(deny);
            case RATE_LIMITED ->
                    ApiProblem.rateLimited(
                            deny.retryAfter() == null
                                    ? 1
                                    : Math.max(1, deny.retryAfter().toSeconds()));
        };
    }

    private static ApiProblem outsideSchedule(Decision.Deny deny) {
        ApiProblem problem =
                new ApiProblem(
                        403,
                        DenyReason.OUTSIDE_SCHEDULE.code(),
                        "Outside the schedule",
                        "Requests are allowed only inside the schedule's window.",
                        List.of(),
                        null);
        return deny.nextWindowStart() == null
                ? problem
                : problem.with(
                        "next_window_start",
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(deny.nextWindowStart()));
    }

    private static ApiProblem unauthorized() {
        return ApiProblem.unauthorized();
    }

    private void answer(
            HttpServletRequest request, HttpServletResponse response, ApiProblem problem) {
        if (problem.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"gateway\"");
        }
        problems.write(request, response, problem);
    }

    /** The path after {@code /gateway/v1/erp}, exactly as received: still percent-encoded. */
    static String rawPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        return path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
    }

    /** The bearer token, or an empty string (which no token matches). */
    static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null
                || header.length() < 8
                || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "";
        }
        return header.substring(7).strip();
    }
}
