package dev.gatehouse.domains.web;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.ConnectionChecks;
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

/**
 * Maps the outcomes of opening and of verifying a connection to HTTP, in one place for the API, the
 * widget and delegated DNS.
 */
public final class ConnectionAnswers {

    public static final int MAX_END_USER_REF = 128;

    private ConnectionAnswers() {}

    /** Validates the request fields and opens the connection. Shared by the API and the widget. */
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
        return lifecycle.create(tenant, app, hostname, endUserRef, by);
    }

    /**
     * 503 {@code quota_unavailable}: the connection limit could not be checked, so nothing was
     * created or changed.
     */
    public static ApiProblem quotaUnavailable() {
        return ApiProblem.unavailable(
                "quota_unavailable",
                "The connection limit could not be checked; nothing was created or changed. Retry"
                        + " shortly.");
    }

    /** The connection after a verify, or 503 {@code quota_unavailable} (nothing changed). */
    public static ConnectionView checked(
            ConnectionLifecycle lifecycle, Application app, ConnectionChecks.Verification outcome) {
        return switch (outcome) {
            case ConnectionChecks.Checked(var c) -> lifecycle.view(app, c);
            case QuotaUnavailable q -> throw quotaUnavailable();
        };
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
            case QuotaUnavailable q -> throw quotaUnavailable();
        };
    }
}
