package dev.gatehouse.portal;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.gateway.events.RelayHours;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * {@code /portal/gateway/activity}: ERP Access's relays per hour over the last 24 hours and the
 * last 7 days, as two server-rendered SVG charts (relayed and denied stacked), with the denials of
 * each window by reason in a table. Hours are labelled in UTC unless {@code ?zone=} names an IANA
 * zone. Needs {@code gateway:read}. The counts come from {@link RelayHours}: they lag the relays by
 * at most its flush interval.
 */
@Controller
class RelayActivityPages {

    private final RelayHours hours;

    RelayActivityPages(RelayHours hours) {
        this.hours = hours;
    }

    @GetMapping("/portal/gateway/activity")
    ModelAndView activity(
            HttpServletRequest request, @RequestParam(required = false) @Nullable String zone) {
        PortalContext ctx = PortalContext.of(request);
        PortalUser user = ctx.signedIn();
        if (!user.can(GatewayScopes.READ)) {
            throw ApiProblem.forbidden("Your role cannot read ERP Access.");
        }
        ZoneId z = ZoneId.of("UTC");
        boolean badZone = false;
        if (zone != null && !zone.isBlank()) {
            try {
                z = ZoneId.of(zone.strip());
            } catch (DateTimeException e) {
                badZone = true;
            }
        }
        return Pages.page(
                "relayActivity",
                request,
                "zone",
                z.getId(),
                "day",
                RelayWindow.of("relays-24h", hours.lastHours(user.tenant(), 24), z, ctx),
                "week",
                RelayWindow.of("relays-7d", hours.lastHours(user.tenant(), 168), z, ctx),
                "error",
                badZone ? ctx.msg().text("gateway.activity.badZone") : null);
    }
}
