package dev.gatehouse.domains.web;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.Connection;
import dev.gatehouse.domains.ConnectionChecks;
import dev.gatehouse.domains.ConnectionLifecycle;
import dev.gatehouse.domains.ConnectionStatus;
import dev.gatehouse.domains.ConnectionView;
import dev.gatehouse.domains.Connections;
import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.openapi.ProblemResponse;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.Page;
import dev.gatehouse.kernel.web.PageRequest;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/applications/{id}/connections}: customer hostnames of one application. */
@RestController
@RequestMapping("/v1/applications/{id}/connections")
class ConnectionsController {

    private final Connections connections;
    private final ConnectionLifecycle lifecycle;
    private final ConnectionChecks checks;
    private final OwnedApplications owned;

    ConnectionsController(
            Connections connections,
            ConnectionLifecycle lifecycle,
            ConnectionChecks checks,
            OwnedApplications owned) {
        this.connections = connections;
        this.lifecycle = lifecycle;
        this.checks = checks;
        this.owned = owned;
    }

    @Schema(name = "ConnectionCreateRequest")
    record CreateConnection(
            @Schema(
                            requiredMode = Schema.RequiredMode.REQUIRED,
                            description = "The customer's hostname, such as shop.example.com.")
                    @Nullable String hostname,
            @Schema(
                            description = "Your reference for the end user.",
                            maxLength = ConnectionAnswers.MAX_END_USER_REF)
                    @Nullable String endUserRef) {}

    @PostMapping
    @ConnectionCreateProblems
    @ApiResponse(
            responseCode = "201",
            description = "A new connection.",
            content = @Content(schema = @Schema(implementation = ConnectionView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "The hostname's open connection, unchanged (the call is idempotent).",
            content = @Content(schema = @Schema(implementation = ConnectionView.class)))
    ResponseEntity<ConnectionView> create(
            Caller caller, @PathVariable String id, @RequestBody CreateConnection body) {
        TenantId tenant = caller.tenantWith(DomainScopes.CONNECTIONS_WRITE);
        Application app = owned.require(tenant, id);
        return ConnectionAnswers.created(
                lifecycle,
                app,
                ConnectionAnswers.open(
                        lifecycle,
                        tenant,
                        app,
                        body.hostname(),
                        body.endUserRef(),
                        KeyIssuer.actorOf(caller)));
    }

    @GetMapping
    Page<ConnectionView> list(
            Caller caller,
            @PathVariable String id,
            @Parameter(
                            schema =
                                    @Schema(
                                            allowableValues = {
                                                "pending",
                                                "verified",
                                                "live",
                                                "failed",
                                                "removed"
                                            }))
                    @RequestParam(required = false)
                    @Nullable String status,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TenantId tenant = caller.tenantWith(DomainScopes.CONNECTIONS_READ);
        Application app = owned.require(tenant, id);
        ConnectionStatus filter = null;
        if (status != null) {
            filter =
                    ConnectionStatus.fromWire(status)
                            .orElseThrow(
                                    () ->
                                            ApiProblem.badRequest(
                                                    "status",
                                                    "must be one of pending, verified, live,"
                                                            + " failed, removed"));
        }
        PageRequest page = PageRequest.of(limit, cursor);
        long after = page.startAfter(0, cid -> find(tenant, app, cid).map(Connection::id));
        return page.cut(
                connections.list(tenant, app.id(), filter, after, page.fetchSize()),
                Connection::publicId,
                c -> lifecycle.view(app, c));
    }

    @GetMapping("/{cid}")
    ConnectionView get(Caller caller, @PathVariable String id, @PathVariable String cid) {
        TenantId tenant = caller.tenantWith(DomainScopes.CONNECTIONS_READ);
        Application app = owned.require(tenant, id);
        return lifecycle.view(app, require(tenant, app, cid));
    }

    @PostMapping("/{cid}/verify")
    @ProblemResponse(
            status = 503,
            code = "quota_unavailable",
            when = "The connection limit could not be checked; nothing changed.")
    ConnectionView verify(Caller caller, @PathVariable String id, @PathVariable String cid) {
        TenantId tenant = caller.tenantWith(DomainScopes.CONNECTIONS_WRITE);
        Application app = owned.require(tenant, id);
        return ConnectionAnswers.checked(
                lifecycle, app, checks.verify(tenant, app, require(tenant, app, cid), true));
    }

    @DeleteMapping("/{cid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Caller caller, @PathVariable String id, @PathVariable String cid) {
        TenantId tenant = caller.tenantWith(DomainScopes.CONNECTIONS_WRITE);
        Application app = owned.require(tenant, id);
        Connection c = require(tenant, app, cid);
        if (c.status() == ConnectionStatus.REMOVED) {
            throw noSuchConnection();
        }
        lifecycle.remove(tenant, app, c, KeyIssuer.actorOf(caller));
    }

    private java.util.Optional<Connection> find(TenantId tenant, Application app, String cid) {
        return PublicIds.looksLike("conn", cid)
                ? connections.find(tenant, app.id(), cid)
                : java.util.Optional.empty();
    }

    private Connection require(TenantId tenant, Application app, String cid) {
        return find(tenant, app, cid).orElseThrow(ConnectionsController::noSuchConnection);
    }

    static ApiProblem noSuchConnection() {
        return ApiProblem.notFound("No such connection.");
    }
}
