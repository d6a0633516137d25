package dev.gatehouse.portal;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.Connection;
import dev.gatehouse.domains.ConnectionChecks;
import dev.gatehouse.domains.ConnectionLifecycle;
import dev.gatehouse.domains.ConnectionStatus;
import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.domains.QuotaUnavailable;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Domains → one connection: the records the customer must create (each value in a field that can be
 * copied), the latest check per record (expected, found, outcome), why it is not live, "Verify now"
 * and "Remove". Reading needs {@code connections:read}, the buttons {@code connections:write}.
 */
@Controller
class DomainConnectionPages {

    private final DomainAccess access;
    private final ConnectionLifecycle lifecycle;
    private final ConnectionChecks checks;

    DomainConnectionPages(
            DomainAccess access, ConnectionLifecycle lifecycle, ConnectionChecks checks) {
        this.access = access;
        this.lifecycle = lifecycle;
        this.checks = checks;
    }

    @GetMapping("/portal/domains/apps/{id}/connections/{cid}")
    ModelAndView detail(
            HttpServletRequest request,
            @PathVariable String id,
            @PathVariable String cid,
            @RequestParam(required = false) @Nullable String done) {
        PortalUser user = DomainAccess.require(request, DomainScopes.CONNECTIONS_READ);
        Application app = access.application(user, id);
        return page(
                request,
                user,
                app,
                access.connection(user, app, cid),
                DomainPages.notice(done),
                null);
    }

    /**
     * Checks DNS now; reviving a failed connection needs quota, and a quota that cannot be checked
     * is said so (503, nothing changed).
     */
    @PostMapping("/portal/domains/apps/{id}/connections/{cid}/verify")
    ModelAndView verify(
            HttpServletRequest request, @PathVariable String id, @PathVariable String cid) {
        PortalUser user = DomainAccess.require(request, DomainScopes.CONNECTIONS_WRITE);
        Application app = access.application(user, id);
        Connection c = access.connection(user, app, cid);
        return switch (checks.verify(user.tenant(), app, c, true)) {
            case ConnectionChecks.Checked checked ->
                    new ModelAndView("redirect:" + path(app, c) + "?done=checked");
            case QuotaUnavailable q -> {
                ModelAndView page =
                        page(
                                request,
                                user,
                                app,
                                c,
                                null,
                                PortalContext.of(request)
                                        .msg()
                                        .text("domains.connections.error.verifyUnavailable"));
                page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
                yield page;
            }
        };
    }

    @PostMapping("/portal/domains/apps/{id}/connections/{cid}/remove")
    String remove(HttpServletRequest request, @PathVariable String id, @PathVariable String cid) {
        PortalUser user = DomainAccess.require(request, DomainScopes.CONNECTIONS_WRITE);
        Application app = access.application(user, id);
        Connection c = access.connection(user, app, cid);
        lifecycle.remove(user.tenant(), app, c, DomainAccess.actor(user));
        return "redirect:/portal/domains/apps/" + app.publicId() + "?done=removed";
    }

    private ModelAndView page(
            HttpServletRequest request,
            PortalUser user,
            Application app,
            Connection c,
            @Nullable String notice,
            @Nullable String error) {
        return Pages.page(
                "domains/connection",
                request,
                "app",
                app,
                "c",
                c,
                "records",
                lifecycle.records(app, c),
                "canWrite",
                user.can(DomainScopes.CONNECTIONS_WRITE) && c.status() != ConnectionStatus.REMOVED,
                "notice",
                notice,
                "error",
                error);
    }

    private static String path(Application app, Connection c) {
        return "/portal/domains/apps/" + app.publicId() + "/connections/" + c.publicId();
    }
}
