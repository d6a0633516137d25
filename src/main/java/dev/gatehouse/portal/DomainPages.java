package dev.gatehouse.portal;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.ApplicationAdministration;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.domains.ConnectionLimits;
import dev.gatehouse.domains.ConnectionStatus;
import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.domains.DomainsSettings;
import dev.gatehouse.domains.Usage;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.ids.PublicIds;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Domains → Applications and Usage: the tenant's applications, creating one (its webhook secret
 * shown on the answer page, once, never again), and the month's usage with the tenant's connection
 * limit. Reading needs {@code apps:read}, creating {@code apps:admin}, as in the API.
 */
@Controller
class DomainPages {

    static final int PAGE = 25;

    /**
     * The notices a redirect may ask a Domains page to show ({@code ?done=…}); anything else shows
     * none.
     */
    static final Set<String> NOTICES =
            Set.of(
                    "saved",
                    "deleted",
                    "created",
                    "alreadyOpen",
                    "checked",
                    "removed",
                    "credentialCreated",
                    "credentialDeleted");

    static final int GO_LIVE_DAYS = 30;

    private final Applications applications;
    private final ApplicationAdministration administration;
    private final Usage usage;
    private final ConnectionLimits limits;
    private final Clock clock;
    private final boolean allowPrivateWebhooks;

    DomainPages(
            Applications applications,
            ApplicationAdministration administration,
            Usage usage,
            ConnectionLimits limits,
            Clock clock,
            Settings settings) {
        this.applications = applications;
        this.administration = administration;
        this.usage = usage;
        this.limits = limits;
        this.clock = clock;
        this.allowPrivateWebhooks =
                settings.section(DomainsSettings.class).webhooksAllowPrivateTargets();
    }

    @GetMapping("/portal/domains")
    ModelAndView list(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String done) {
        return listWith(request, DomainApplicationForm.blank(), after, notice(done));
    }

    @PostMapping("/portal/domains")
    ModelAndView create(
            HttpServletRequest request,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String cname,
            @RequestParam(defaultValue = "") String ipv4,
            @RequestParam(defaultValue = "") String ipv6,
            @RequestParam(defaultValue = "") String origin,
            @RequestParam(defaultValue = "") String allowedOrigins,
            @RequestParam(defaultValue = "") String webhookUrl) {
        PortalUser user = DomainAccess.require(request, DomainScopes.APPS_ADMIN);
        DomainApplicationForm form =
                new DomainApplicationForm(
                        name,
                        cname,
                        ipv4,
                        ipv6,
                        origin,
                        allowedOrigins,
                        webhookUrl,
                        "active",
                        java.util.Map.of());
        return switch (form.validate(allowPrivateWebhooks)) {
            case DomainApplicationForm.Invalid(DomainApplicationForm invalid) ->
                    listWith(request, invalid, null, null);
            case DomainApplicationForm.Valid(Applications.Fields fields) -> {
                ApplicationAdministration.Created created =
                        administration.create(user.tenant(), fields, DomainAccess.actor(user));
                yield Pages.page(
                        "domains/secret",
                        request,
                        "app",
                        created.application(),
                        "secret",
                        created.webhookSecret(),
                        "rotated",
                        false);
            }
        };
    }

    @GetMapping("/portal/domains/usage")
    ModelAndView usage(
            HttpServletRequest request, @RequestParam(required = false) @Nullable String month) {
        PortalUser user = DomainAccess.require(request, DomainScopes.APPS_READ);
        YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth m = current;
        boolean badMonth = false;
        if (month != null && !month.isBlank()) {
            try {
                m = YearMonth.parse(month);
                badMonth = m.getYear() < 2000 || m.getYear() > 9999;
            } catch (DateTimeParseException e) {
                badMonth = true;
            }
        }
        if (badMonth) {
            m = current;
        }
        return Pages.page(
                "domains/usage",
                request,
                "month",
                m.toString(),
                "goneLive",
                usage.goneLive(user.tenant(), m),
                "liveNow",
                usage.liveNow(user.tenant()),
                "limit",
                limits.limit(user.tenant()),
                "statusChart",
                statusChart(usage.byStatus(user.tenant()), PortalContext.of(request).msg()),
                "goLiveChart",
                goLiveChart(
                        usage.goneLivePerDay(
                                user.tenant(),
                                LocalDate.now(clock.withZone(ZoneOffset.UTC)),
                                GO_LIVE_DAYS),
                        PortalContext.of(request).msg()),
                "error",
                badMonth ? PortalContext.of(request).msg().text("domains.usage.badMonth") : null);
    }

    /** Connections per status, live ones in green, failed ones in red. */
    static BarChart statusChart(Map<ConnectionStatus, Long> counts, Msg msg) {
        List<BarChart.Column> columns = new ArrayList<>();
        counts.forEach(
                (status, n) -> {
                    String name = msg.text("domains.status." + status.wire());
                    boolean bad = status == ConnectionStatus.FAILED;
                    columns.add(
                            new BarChart.Column(
                                    bad ? 0 : n,
                                    bad ? n : 0,
                                    msg.text("domains.usage.chart.connections", name, n),
                                    name));
                });
        return BarChart.of(columns);
    }

    /** Hostnames gone live per UTC day, labelled every fifth day back from today. */
    static BarChart goLiveChart(List<Usage.Day> days, Msg msg) {
        DateTimeFormatter label = DateTimeFormatter.ofPattern("d MMM", msg.locale());
        DateTimeFormatter title = DateTimeFormatter.ofPattern("EEE d MMM", msg.locale());
        List<BarChart.Column> columns = new ArrayList<>(days.size());
        for (int i = 0; i < days.size(); i++) {
            Usage.Day d = days.get(i);
            columns.add(
                    new BarChart.Column(
                            d.goneLive(),
                            0,
                            msg.text(
                                    "domains.usage.chart.goneLive",
                                    title.format(d.day()),
                                    d.goneLive()),
                            (days.size() - 1 - i) % 5 == 0 ? label.format(d.day()) : null));
        }
        return BarChart.of(columns);
    }

    private ModelAndView listWith(
            HttpServletRequest request,
            DomainApplicationForm form,
            @Nullable String after,
            @Nullable String notice) {
        PortalUser user = DomainAccess.require(request, DomainScopes.APPS_READ);
        long afterId =
                after == null || !PublicIds.looksLike("app", after)
                        ? 0
                        : applications.find(user.tenant(), after).map(Application::id).orElse(0L);
        List<Application> rows = applications.list(user.tenant(), afterId, PAGE + 1);
        List<Application> page = rows.stream().limit(PAGE).toList();
        String next =
                rows.size() > PAGE ? "/portal/domains?after=" + page.getLast().publicId() : null;
        return Pages.page(
                "domains/applications",
                request,
                "apps",
                page,
                "form",
                form,
                "canAdmin",
                user.can(DomainScopes.APPS_ADMIN),
                "nextLink",
                next,
                "notice",
                notice);
    }

    /** The message key of a whitelisted {@code ?done=} notice, or null. */
    static @Nullable String notice(@Nullable String done) {
        return done != null && NOTICES.contains(done) ? "domains.done." + done : null;
    }
}
