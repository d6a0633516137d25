package dev.gatehouse.portal;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.ApplicationAdministration;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.domains.Connection;
import dev.gatehouse.domains.ConnectionLifecycle;
import dev.gatehouse.domains.ConnectionStatus;
import dev.gatehouse.domains.Connections;
import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.domains.DomainsSettings;
import dev.gatehouse.domains.QuotaUnavailable;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;
import java.util.Map;

/**
 * Domains → one application: its settings (edit, rotate the webhook secret, delete) and its
 * connections (list by status, open a new one). Settings need {@code apps:read} to see and {@code
 * apps:admin} to change; connections {@code connections:read} and {@code connections:write}.
 */
@Controller
class DomainApplicationPages {

    static final int PAGE = 25;
    static final int MAX_END_USER_REF = 128;

    private final DomainAccess access;
    private final Connections connections;
    private final ApplicationAdministration administration;
    private final ConnectionLifecycle lifecycle;
    private final boolean allowPrivateWebhooks;

    DomainApplicationPages(
            DomainAccess access,
            Connections connections,
            ApplicationAdministration administration,
            ConnectionLifecycle lifecycle,
            Settings settings) {
        this.access = access;
        this.connections = connections;
        this.administration = administration;
        this.lifecycle = lifecycle;
        this.allowPrivateWebhooks =
                settings.section(DomainsSettings.class).webhooksAllowPrivateTargets();
    }

    @GetMapping("/portal/domains/apps/{id}")
    ModelAndView detail(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String done) {
        PortalUser user = DomainAccess.require(request, DomainScopes.APPS_READ);
        Application app = access.application(user, id);
        return page(
                request,
                user,
                app,
                DomainApplicationForm.of(app),
                "",
                null,
                status,
                after,
                DomainPages.notice(done));
    }

    @PostMapping("/portal/domains/apps/{id}")
    ModelAndView update(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String cname,
            @RequestParam(defaultValue = "") String ipv4,
            @RequestParam(defaultValue = "") String ipv6,
            @RequestParam(defaultValue = "") String origin,
            @RequestParam(defaultValue = "") String allowedOrigins,
            @RequestParam(defaultValue = "") String webhookUrl,
            @RequestParam(defaultValue = "") String status) {
        PortalUser user = DomainAccess.require(request, DomainScopes.APPS_ADMIN);
        Application app = access.application(user, id);
        DomainApplicationForm form =
                new DomainApplicationForm(
                        name,
                        cname,
                        ipv4,
                        ipv6,
                        origin,
                        allowedOrigins,
                        webhookUrl,
                        status,
                        Map.of());
        return switch (form.validate(allowPrivateWebhooks)) {
            case DomainApplicationForm.Invalid(DomainApplicationForm invalid) ->
                    page(request, user, app, invalid, "", null, null, null, null);
            case DomainApplicationForm.Valid(Applications.Fields fields) -> {
                administration.update(user.tenant(), app, fields, DomainAccess.actor(user));
                yield new ModelAndView(
                        "redirect:/portal/domains/apps/" + app.publicId() + "?done=saved");
            }
        };
    }

    @PostMapping("/portal/domains/apps/{id}/rotate-secret")
    ModelAndView rotate(HttpServletRequest request, @PathVariable String id) {
        PortalUser user = DomainAccess.require(request, DomainScopes.APPS_ADMIN);
        Application app = access.application(user, id);
        String secret =
                administration.rotateWebhookSecret(user.tenant(), app, DomainAccess.actor(user));
        return Pages.page("domains/secret", request, "app", app, "secret", secret, "rotated", true);
    }

    @PostMapping("/portal/domains/apps/{id}/delete")
    String delete(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String confirm) {
        PortalUser user = DomainAccess.require(request, DomainScopes.APPS_ADMIN);
        if (!confirm.equals("yes")) {
            throw ApiProblem.badRequest("confirm", "tick the box to confirm the deletion");
        }
        administration.delete(
                user.tenant(), access.application(user, id), DomainAccess.actor(user));
        return "redirect:/portal/domains?done=deleted";
    }

    @PostMapping("/portal/domains/apps/{id}/connections")
    ModelAndView connect(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String hostname,
            @RequestParam(defaultValue = "") String endUserRef) {
        PortalUser user = DomainAccess.require(request, DomainScopes.CONNECTIONS_WRITE);
        Application app = access.application(user, id);
        Msg msg = PortalContext.of(request).msg();
        String ref = endUserRef.strip();
        if (ref.length() > MAX_END_USER_REF) {
            return refused(
                    request,
                    user,
                    app,
                    hostname,
                    msg.text("domains.connections.error.endUserRef", MAX_END_USER_REF));
        }
        ConnectionLifecycle.Created outcome =
                lifecycle.create(
                        user.tenant(),
                        app,
                        hostname,
                        ref.isEmpty() ? null : ref,
                        DomainAccess.actor(user));
        String base = "redirect:/portal/domains/apps/" + app.publicId() + "/connections/";
        return switch (outcome) {
            case ConnectionLifecycle.Opened(Connection c) ->
                    new ModelAndView(base + c.publicId() + "?done=created");
            case ConnectionLifecycle.AlreadyOpen(Connection c) ->
                    new ModelAndView(base + c.publicId() + "?done=alreadyOpen");
            case ConnectionLifecycle.InvalidHostname(var reason) ->
                    refused(request, user, app, hostname, DomainText.invalidHostname(msg, reason));
            case ConnectionLifecycle.HostnameTaken t ->
                    refused(
                            request,
                            user,
                            app,
                            hostname,
                            msg.text("domains.connections.error.taken"));
            case ConnectionLifecycle.QuotaExceeded(int limit) ->
                    refused(
                            request,
                            user,
                            app,
                            hostname,
                            msg.text("domains.connections.error.quota", limit));
            case QuotaUnavailable q -> {
                ModelAndView page =
                        refused(
                                request,
                                user,
                                app,
                                hostname,
                                msg.text("domains.connections.error.quotaUnavailable"));
                page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
                yield page;
            }
        };
    }

    /** The page again, the hostname as typed and why it was not connected next to it. */
    private ModelAndView refused(
            HttpServletRequest request,
            PortalUser user,
            Application app,
            String hostname,
            String why) {
        return page(
                request, user, app, DomainApplicationForm.of(app), hostname, why, null, null, null);
    }

    private ModelAndView page(
            HttpServletRequest request,
            PortalUser user,
            Application app,
            DomainApplicationForm form,
            String hostname,
            @Nullable String hostnameError,
            @Nullable String status,
            @Nullable String after,
            @Nullable String notice) {
        DomainConnectionListing listing =
                user.can(DomainScopes.CONNECTIONS_READ)
                        ? listing(user, app, status, after)
                        : new DomainConnectionListing(null, List.of(), null);
        return Pages.page(
                "domains/application",
                request,
                "app",
                app,
                "form",
                form,
                "listing",
                listing,
                "hostname",
                hostname,
                "hostnameError",
                hostnameError,
                "notice",
                notice,
                "canAdmin",
                user.can(DomainScopes.APPS_ADMIN),
                "canRead",
                user.can(DomainScopes.CONNECTIONS_READ),
                "canWrite",
                user.can(DomainScopes.CONNECTIONS_WRITE));
    }

    private DomainConnectionListing listing(
            PortalUser user, Application app, @Nullable String status, @Nullable String after) {
        ConnectionStatus filter =
                status == null ? null : ConnectionStatus.fromWire(status).orElse(null);
        long afterId =
                after == null || !PublicIds.looksLike("conn", after)
                        ? 0
                        : connections
                                .find(user.tenant(), app.id(), after)
                                .map(Connection::id)
                                .orElse(0L);
        List<Connection> rows =
                connections.list(user.tenant(), app.id(), filter, afterId, PAGE + 1);
        List<Connection> page = rows.stream().limit(PAGE).toList();
        String next =
                rows.size() > PAGE
                        ? "/portal/domains/apps/"
                                + app.publicId()
                                + "?"
                                + (filter == null ? "" : "status=" + filter.wire() + "&")
                                + "after="
                                + page.getLast().publicId()
                                + "#connections"
                        : null;
        return new DomainConnectionListing(filter == null ? null : filter.wire(), page, next);
    }
}
