package dev.gatehouse.portal;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.domains.webhooks.WebhookLog;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * Domains → one application → webhook deliveries: the {@link #SHOWN} most recent events sent (or
 * being sent) to the application's webhook URL, newest first, with where each stands and why it
 * stopped, and whether the webhook itself is active. Reading needs {@code apps:read}, as {@code GET
 * /v1/webhook-deliveries} does.
 */
@Controller
class DomainDeliveryPages {

    static final int SHOWN = 50;

    private final DomainAccess access;
    private final WebhookLog log;

    DomainDeliveryPages(DomainAccess access, WebhookLog log) {
        this.access = access;
        this.log = log;
    }

    @GetMapping("/portal/domains/apps/{id}/deliveries")
    ModelAndView list(HttpServletRequest request, @PathVariable String id) {
        PortalUser user = DomainAccess.require(request, DomainScopes.APPS_READ);
        Application app = access.application(user, id);
        return Pages.page(
                "domains/deliveries",
                request,
                "app",
                app,
                "rows",
                log.recent(user.tenant(), app.id(), SHOWN));
    }
}
