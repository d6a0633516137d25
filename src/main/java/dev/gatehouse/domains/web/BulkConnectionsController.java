package dev.gatehouse.domains.web;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.ConnectionLifecycle;
import dev.gatehouse.domains.ConnectionView;
import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.domains.QuotaUnavailable;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/applications/{id}/connections:bulk}: up to {@value #MAX} hostnames connected in
 * one call, for a customer moving an existing fleet of domains. Each hostname goes through the same
 * path as a single create (its checks, its quota reservation under the tenant's lock, its event and
 * audit entry), in the order given, and gets its own result: {@code created}, {@code existing} (the
 * open connection, as a repeated single create answers) or {@code refused} with the code a single
 * create would have answered. So the quota is applied exactly: once it is full, every further new
 * hostname is refused with {@code quota_exceeded}. Needs {@code connections:write}.
 */
@RestController
class BulkConnectionsController {

    /** The most hostnames one call takes. */
    static final int MAX = 1000;

    private final ConnectionLifecycle lifecycle;
    private final OwnedApplications owned;

    BulkConnectionsController(ConnectionLifecycle lifecycle, OwnedApplications owned) {
        this.lifecycle = lifecycle;
        this.owned = owned;
    }

    @Schema(name = "ConnectionBulkItem")
    record Item(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String hostname,
            @Schema(maxLength = ConnectionAnswers.MAX_END_USER_REF) @Nullable String endUserRef) {}

    @Schema(name = "ConnectionBulkRequest")
    record BulkBody(
            @Schema(description = "1 to 1000 hostnames, each with its optional end_user_ref.")
                    @Nullable List<Item> connections) {}

    @Schema(name = "ConnectionBulkRefusal")
    record Refusal(
            @Schema(
                            allowableValues = {
                                "invalid_hostname",
                                "hostname_taken",
                                "quota_exceeded",
                                "quota_unavailable",
                                "invalid_request"
                            })
                    String code,
            String detail) {}

    @Schema(name = "ConnectionBulkResult")
    record Result(
            @Schema(description = "The hostname as sent.") String hostname,
            @Schema(allowableValues = {"created", "existing", "refused"}) String result,
            @Schema(description = "The connection, unless refused.")
                    @Nullable ConnectionView connection,
            @Schema(description = "Why it was refused.") @Nullable Refusal refusal) {}

    @Schema(name = "ConnectionBulkResults")
    record Results(
            @Schema(description = "One result per hostname, in the order sent.") List<Result> data,
            int created,
            int existing,
            int refused) {}

    @PostMapping("/v1/applications/{id}/connections:bulk")
    Results bulk(Caller caller, @PathVariable String id, @RequestBody BulkBody body) {
        TenantId tenant = caller.tenantWith(DomainScopes.CONNECTIONS_WRITE);
        Application app = owned.require(tenant, id);
        List<Item> items = body.connections();
        if (items == null || items.isEmpty() || items.size() > MAX) {
            throw ApiProblem.badRequest("connections", "must hold 1 to " + MAX + " hostnames");
        }
        Actor by = KeyIssuer.actorOf(caller);
        List<Result> results = new ArrayList<>(items.size());
        int created = 0;
        int existing = 0;
        for (Item item : items) {
            Result r = one(tenant, app, item, by);
            results.add(r);
            switch (r.result()) {
                case "created" -> created++;
                case "existing" -> existing++;
                default -> {
                    // counted below
                }
            }
        }
        return new Results(results, created, existing, items.size() - created - existing);
    }

    private Result one(TenantId tenant, Application app, Item item, Actor by) {
        String hostname = item.hostname() == null ? "" : item.hostname();
        if (item.hostname() == null) {
            return refused(hostname, "invalid_request", "hostname is required");
        }
        if (item.endUserRef() != null
                && item.endUserRef().length() > ConnectionAnswers.MAX_END_USER_REF) {
            return refused(
                    hostname,
                    "invalid_request",
                    "end_user_ref must be at most "
                            + ConnectionAnswers.MAX_END_USER_REF
                            + " characters");
        }
        return switch (lifecycle.create(tenant, app, hostname, item.endUserRef(), by)) {
            case ConnectionLifecycle.Opened(var c) ->
                    new Result(hostname, "created", lifecycle.view(app, c), null);
            case ConnectionLifecycle.AlreadyOpen(var c) ->
                    new Result(hostname, "existing", lifecycle.view(app, c), null);
            case ConnectionLifecycle.InvalidHostname(var reason) ->
                    refused(hostname, "invalid_hostname", "The hostname " + reason.message() + ".");
            case ConnectionLifecycle.HostnameTaken t ->
                    refused(
                            hostname,
                            "hostname_taken",
                            "This hostname is already connected elsewhere.");
            case ConnectionLifecycle.QuotaExceeded(int limit) ->
                    refused(
                            hostname,
                            "quota_exceeded",
                            "The plan allows " + limit + " connections.");
            case QuotaUnavailable q ->
                    refused(
                            hostname,
                            "quota_unavailable",
                            "The connection limit could not be checked; nothing was created.");
        };
    }

    private static Result refused(String hostname, String code, String detail) {
        return new Result(hostname, "refused", null, new Refusal(code, detail));
    }
}
