package dev.gatehouse.portal;

import dev.gatehouse.kernel.audit.AuditQuery;
import dev.gatehouse.kernel.audit.AuditReader;
import dev.gatehouse.kernel.audit.Decision;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.keys.Scope;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Home: what is switched on, and the state of the installation at a glance. */
@Controller
public class HomePages {

    /** What Home shows; products add their tiles as they land. */
    public record Glance(
            Switch domains,
            Switch gateway,
            Switch sync,
            long denialsLastDay,
            boolean auditVisible) {}

    /** A product's state on this installation. */
    public enum Switch {
        ON("home.on"),
        OFF("home.off"),
        /** Not part of this build yet: it arrives with its product. */
        ABSENT("home.absent");

        private final String messageKey;

        Switch(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final Settings settings;
    private final AuditReader audit;
    private final Clock clock;

    HomePages(Settings settings, AuditReader audit, Clock clock) {
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/portal/home")
    ModelAndView home(HttpServletRequest request) {
        PortalUser user = PortalContext.of(request).signedIn();
        long denials = 0;
        if (user.can(Scope.AUDIT_READ)) {
            Instant now = clock.instant();
            AuditQuery q =
                    new AuditQuery(
                            null,
                            null,
                            null,
                            Decision.DENY,
                            now.minus(Duration.ofDays(1)),
                            now,
                            null,
                            AuditQuery.MAX_LIMIT,
                            null);
            denials = audit.query(user.tenant(), q).events().size();
        }
        return Pages.page(
                "home",
                request,
                "glance",
                new Glance(
                        state("domains"),
                        state("gateway"),
                        state("sync"),
                        denials,
                        user.can(Scope.AUDIT_READ)));
    }

    private Switch state(String product) {
        Settings.Products p = settings.products();
        if (p.modules().all().stream().noneMatch(m -> m.name().equals(product))) {
            return Switch.ABSENT;
        }
        return p.enabled(product) ? Switch.ON : Switch.OFF;
    }
}
