package dev.gatehouse.portal;

import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.cycle.SyncCycles;
import dev.gatehouse.erpsync.cycle.SyncOperations;
import dev.gatehouse.erpsync.cycle.SyncRun;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SageConnect's home in the portal, SageConnect's "Programación" page: each company's schedule,
 * last and next run, "Run now" and "Release lock" (with a reason and a confirmation), items sent
 * and failed per day, the last 24 hours' runs, and one run's page whose steps follow the run live
 * (the page's own script reads {@code /portal/sync/runs/{id}/events}, the session's twin of the
 * API's stream). Reading needs {@code sync:read}, acting {@code sync:admin}; acting goes through
 * {@link SyncCycles} as the API does, so it is audited the same way.
 */
@Controller
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
class SyncPages {

    static final String BASE = "/portal/sync";
    static final int CHART_DAYS = 14;

    private final SyncOperations operations;
    private final SyncCycles cycles;
    private final SyncAccess access;

    SyncPages(SyncOperations operations, SyncCycles cycles, SyncAccess access) {
        this.operations = operations;
        this.cycles = cycles;
        this.access = access;
    }

    @GetMapping(BASE)
    ModelAndView home(
            HttpServletRequest request, @RequestParam(required = false) @Nullable String done) {
        PortalUser user = SyncAccess.reader(request);
        List<SyncOperations.CompanySchedule> schedules = operations.schedules(user.tenant());
        List<Company> companies =
                schedules.stream().map(SyncOperations.CompanySchedule::company).toList();
        Msg msg = PortalContext.of(request).msg();
        return Pages.page(
                "sync/home",
                request,
                "banner",
                access.banner(companies),
                "schedules",
                schedules,
                "runs",
                operations.history(user.tenant(), Duration.ofHours(24)),
                "chart",
                chart(operations.perDay(user.tenant(), CHART_DAYS), msg),
                "canAdmin",
                SyncAccess.canAdmin(user),
                "notice",
                SyncAccess.notice(done));
    }

    @GetMapping(BASE + "/runs/{runId}")
    ModelAndView run(
            HttpServletRequest request,
            @PathVariable String runId,
            @RequestParam(required = false) @Nullable String done) {
        PortalUser user = SyncAccess.reader(request);
        SyncRun run = find(user, runId);
        return Pages.page(
                "sync/run",
                request,
                "banner",
                access.banner(operations.companies(user.tenant())),
                "run",
                run,
                "company",
                operations.company(user.tenant(), run.companyPublicId()).orElse(null),
                "notice",
                SyncAccess.notice(done));
    }

    /** The run's progress as Server-Sent Events, for the run page's script. */
    @GetMapping(path = BASE + "/runs/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(HttpServletRequest request, @PathVariable String runId) {
        PortalUser user = SyncAccess.reader(request);
        Optional<SseEmitter> stream =
                PublicIds.looksLike("run", runId)
                        ? operations.events(user.tenant(), runId)
                        : Optional.empty();
        return stream.orElseThrow(() -> ApiProblem.notFound("No such run."));
    }

    @PostMapping(BASE + "/companies/{companyId}/run")
    ModelAndView runNow(HttpServletRequest request, @PathVariable String companyId) {
        PortalUser user = SyncAccess.admin(request);
        Company company = access.company(user.tenant(), companyId);
        return switch (cycles.runNow(user.tenant(), company.publicId(), SyncAccess.actor(user))) {
            case SyncCycles.Started(String id) ->
                    new ModelAndView("redirect:" + BASE + "/runs/" + id + "?done=runStarted");
            case SyncCycles.InProgress(String id) ->
                    new ModelAndView("redirect:" + BASE + "/runs/" + id + "?done=runInProgress");
            case SyncCycles.LicenseBlocked b ->
                    new ModelAndView("redirect:" + BASE + "?done=licenseBlocked");
            case SyncCycles.NoSuchCompany n -> throw ApiProblem.notFound("No such company.");
        };
    }

    @PostMapping(BASE + "/companies/{companyId}/release")
    ModelAndView release(
            HttpServletRequest request,
            @PathVariable String companyId,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String confirm) {
        PortalUser user = SyncAccess.admin(request);
        Company company = access.company(user.tenant(), companyId);
        Msg msg = PortalContext.of(request).msg();
        String why = reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw ApiProblem.badRequest("reason", "must be 1 to 500 characters");
        }
        if (!GatewayConfirmation.confirmed(confirm)) {
            return new GatewayConfirmation(
                            "sync.release.title",
                            msg.text("sync.release.confirm", company.name(), why),
                            BASE + "/companies/" + company.publicId() + "/release",
                            Map.of("reason", why),
                            "sync.release.button",
                            BASE)
                    .page(request);
        }
        Optional<SyncCycles.Released> released =
                cycles.forceRelease(user.tenant(), company.publicId(), why, SyncAccess.actor(user))
                        .orElseThrow(() -> ApiProblem.notFound("No such company."));
        return new ModelAndView(
                "redirect:" + BASE + "?done=" + (released.isPresent() ? "lockReleased" : "noLock"));
    }

    private SyncRun find(PortalUser user, String runId) {
        return (PublicIds.looksLike("run", runId)
                        ? operations.run(user.tenant(), runId)
                        : Optional.<SyncRun>empty())
                .orElseThrow(() -> ApiProblem.notFound("No such run."));
    }

    /** Items sent (bottom) and failed (top) per UTC day, labelled every other day. */
    static BarChart chart(List<SyncOperations.Day> days, Msg msg) {
        DateTimeFormatter label = DateTimeFormatter.ofPattern("d MMM", msg.locale());
        DateTimeFormatter title = DateTimeFormatter.ofPattern("EEE d MMM", msg.locale());
        List<BarChart.Column> columns = new ArrayList<>(days.size());
        for (int i = 0; i < days.size(); i++) {
            SyncOperations.Day d = days.get(i);
            boolean mark = (days.size() - 1 - i) % 2 == 0;
            columns.add(
                    new BarChart.Column(
                            d.sent(),
                            d.failed(),
                            msg.text(
                                    "sync.chart.bar",
                                    title.format(d.day().atStartOfDay(ZoneOffset.UTC)),
                                    d.sent(),
                                    d.failed()),
                            mark ? label.format(d.day()) : null));
        }
        return BarChart.of(columns);
    }
}
