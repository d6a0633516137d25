package dev.gatehouse.domains.widget;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.Connection;
import dev.gatehouse.domains.ConnectionChecks;
import dev.gatehouse.domains.ConnectionLifecycle;
import dev.gatehouse.domains.ConnectionStatus;
import dev.gatehouse.domains.ConnectionView;
import dev.gatehouse.domains.Connections;
import dev.gatehouse.domains.DomainsSettings;
import dev.gatehouse.domains.Hostnames;
import dev.gatehouse.domains.web.ConnectionAnswers;
import dev.gatehouse.domains.web.ConnectionCreateProblems;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.openapi.ProblemResponse;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The widget API: what an end user may do with a widget token, and nothing more. Every route acts
 * on the token's application only; a hostname-bound token acts on that hostname only. Requests get
 * here only through {@link WidgetFilter}, which admitted the token and the origin.
 */
@RestController
@RequestMapping("/widget/v1")
@SecurityRequirement(name = WidgetConfiguration.SECURITY_SCHEME)
class WidgetController {

    private final ConnectionLifecycle lifecycle;
    private final ConnectionChecks checks;
    private final Connections connections;
    private final Hostnames hostnames;
    private final AuditLog audit;

    WidgetController(
            ConnectionLifecycle lifecycle,
            ConnectionChecks checks,
            Connections connections,
            Settings settings,
            AuditLog audit) {
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.checks = checks;
        this.connections = connections;
        this.hostnames = new Hostnames(settings.section(DomainsSettings.class).reservedSuffixes());
    }

    @Schema(name = "WidgetApplication")
    record ApplicationRef(String id, String name) {}

    /**
     * @param hostname the hostname the token is bound to, or null
     */
    @Schema(name = "WidgetSession")
    record SessionView(ApplicationRef application, @Nullable String hostname, Instant expiresAt) {}

    /** The end user names the hostname only; the end-user reference comes from the token. */
    @Schema(name = "WidgetConnectionRequest")
    record ConnectRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String hostname) {}

    @GetMapping("/session")
    SessionView session(WidgetSession session) {
        Application app = session.application();
        return new SessionView(
                new ApplicationRef(app.publicId(), app.name()),
                session.token().hostname(),
                session.token().expiresAt());
    }

    @PostMapping("/connections")
    @ConnectionCreateProblems
    @ApiResponse(
            responseCode = "201",
            description = "A new connection.",
            content = @Content(schema = @Schema(implementation = ConnectionView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "The hostname's open connection, unchanged (the call is idempotent).",
            content = @Content(schema = @Schema(implementation = ConnectionView.class)))
    ResponseEntity<ConnectionView> connect(
            WidgetSession session, @RequestBody ConnectRequest body) {
        String bound = session.token().hostname();
        if (bound != null
                && body.hostname() != null
                && !bound.equals(normalised(body.hostname()))) {
            audit.recordAsync(
                    AuditEntry.of(session.tenant(), session.actor(), "request.denied")
                            .withTarget("application", session.application().publicId())
                            .denied("hostname_not_bound")
                            .withDetails(Map.of("bound", bound)));
            throw ApiProblem.forbidden("This widget session may connect " + bound + " only.");
        }
        Application app = session.application();
        return ConnectionAnswers.created(
                lifecycle,
                app,
                ConnectionAnswers.open(
                        lifecycle,
                        session.tenant(),
                        app,
                        body.hostname(),
                        session.token().endUserRef(),
                        session.actor()));
    }

    @GetMapping("/connections/{cid}")
    ConnectionView get(WidgetSession session, @PathVariable String cid) {
        return lifecycle.view(session.application(), require(session, cid));
    }

    @PostMapping("/connections/{cid}/verify")
    @ProblemResponse(
            status = 503,
            code = "quota_unavailable",
            when = "The connection limit could not be checked; nothing changed.")
    ConnectionView verify(WidgetSession session, @PathVariable String cid) {
        Application app = session.application();
        return ConnectionAnswers.checked(
                lifecycle, app, checks.verify(session.tenant(), app, require(session, cid), true));
    }

    /**
     * The token's application's connection, not removed, and of the bound hostname if there is one;
     * else 404.
     */
    private Connection require(WidgetSession session, String cid) {
        String bound = session.token().hostname();
        Optional<Connection> found =
                PublicIds.looksLike("conn", cid)
                        ? connections.find(session.tenant(), session.application().id(), cid)
                        : Optional.empty();
        return found.filter(c -> c.status() != ConnectionStatus.REMOVED)
                .filter(c -> bound == null || bound.equals(c.hostname()))
                .orElseThrow(() -> ApiProblem.notFound("No such connection."));
    }

    private @Nullable String normalised(String hostname) {
        return hostnames.check(hostname) instanceof Hostnames.Valid(String h) ? h : null;
    }
}
