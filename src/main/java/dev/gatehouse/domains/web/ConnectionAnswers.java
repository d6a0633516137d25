package dev.gatehouse.domains.web;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.ConnectionLifecycle;
import dev.gatehouse.domains.ConnectionView;
import dev.gatehouse.domains.Hostnames;
import dev.gatehouse.domains.QuotaUnavailable;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.List;

/** Maps the outcome of opening a connection to HTTP, in one place for the API and the widget. */
public final class ConnectionAnswers {

    public static final int MAX_END_USER_REF = 128;

    private ConnectionAnswers() {}

    /**
     * Validates the request fields, opens the connection, and maps a quota check that could not be
     * made to 503 {@code quota_unavailable} (nothing is created). Shared by the API and the widget.
     */
    public static ConnectionLifecycle.Created open(
            ConnectionLifecycle lifecycle,
            TenantId tenant,
            Application app,
            @Nullable String hostname,
            @Nullable String endUserRef,
            Actor by) {
        if (hostname == null) {
            throw ApiProblem.badRequest("hostname", "is required");
        }
        if (endUserRef != null && endUserRef.length() > MAX_END_USER_REF) {
            throw ApiProblem.badRequest(
                    "end_user_ref", "must be at most " + MAX_END_USER_REF + " characters");
        }
        try {
            return lifecycle.create(tenant, app, hostname, endUserRef, by);
        } catch (QuotaUnavailable e) {
            throw ApiProblem.unavailable(
                    "quota_unavailable",
                    "The connection limit could not be checked; nothing was"
                            + " created. Retry shortly.");
        }
    }

    /** 400 {@code invalid_hostname}, with the reason as the hostname field's message. */
    public static ApiProblem invalidHostname(Hostnames.Reason reason) {
        return new ApiProblem(
                400,
                "invalid_hostname",
                "Invalid hostname",
                "The hostname " + reason.message() + ".",
                List.of(new ApiProblem.FieldMessage("hostname", reason.message())),
                null);
    }

    /** 201 for a new connection, 200 for the open one (idempotent), problems for refusals. */
    public static ResponseEntity<ConnectionView> created(
            ConnectionLifecycle lifecycle, Application app, ConnectionLifecycle.Created outcome) {
        return switch (outcome) {
            case ConnectionLifecycle.Opened(var c) ->
                    ResponseEntity.status(HttpStatus.CREATED).body(lifecycle.view(app, c));
            case ConnectionLifecycle.AlreadyOpen(var c) ->
                    ResponseEntity.ok(lifecycle.view(app, c));
            case ConnectionLifecycle.InvalidHostname(var reason) -> throw invalidHostname(reason);
            case ConnectionLifecycle.HostnameTaken t ->
                    throw new ApiProblem(
                            409,
                            "hostname_taken",
                            "Hostname taken",
                            "This hostname is already connected elsewhere.",
                            List.of(),
                            null);
            case ConnectionLifecycle.QuotaExceeded(int limit) ->
                    throw ApiProblem.quotaExceeded(
                            "The plan allows "
                                    + limit
                                    + " connections; remove one or raise the limit.");
        };
    }
}
