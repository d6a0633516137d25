package dev.gatehouse.portal;

import dev.gatehouse.gateway.controls.ControlsAdministration;
import dev.gatehouse.gateway.controls.KillSwitch;
import dev.gatehouse.gateway.controls.KillSwitches;
import dev.gatehouse.gateway.controls.Schedules;
import dev.gatehouse.gateway.controls.StoredSchedule;
import dev.gatehouse.gateway.policy.Schedule;
import dev.gatehouse.gateway.policy.Validated;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * ERP Access → the kill switch and the schedule. Engaging the kill switch needs a reason and a
 * confirmation; releasing it a confirmation. The schedule page says whether relays are inside the
 * schedule now and when the next window opens, in the schedule's zone and in UTC. Reading needs
 * {@code gateway:read}, changing {@code gateway:admin}; changes go through {@link
 * ControlsAdministration}, as {@code /v1/gateway/kill-switch} and {@code /v1/gateway/schedule} do.
 */
@Controller
class GatewayControlPages {

    static final String KILL = GatewayAccountPages.BASE + "/kill-switch";
    static final String SCHEDULE = GatewayAccountPages.BASE + "/schedule";

    private final KillSwitches killSwitches;
    private final Schedules schedules;
    private final ControlsAdministration administration;
    private final Clock clock;

    GatewayControlPages(
            KillSwitches killSwitches,
            Schedules schedules,
            ControlsAdministration administration,
            Clock clock) {
        this.killSwitches = killSwitches;
        this.schedules = schedules;
        this.administration = administration;
        this.clock = clock;
    }

    @GetMapping(KILL)
    ModelAndView killSwitch(
            HttpServletRequest request, @RequestParam(required = false) @Nullable String done) {
        PortalUser user = GatewayAccess.reader(request);
        return killPage(request, user, GatewayForm.blank(), GatewayAccess.notice(done));
    }

    @PostMapping(KILL)
    ModelAndView putKillSwitch(
            HttpServletRequest request,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String confirm) {
        PortalUser user = GatewayAccess.admin(request);
        Msg msg = PortalContext.of(request).msg();
        boolean engage =
                switch (action) {
                    case "engage" -> true;
                    case "release" -> false;
                    default -> throw ApiProblem.badRequest("action", "must be engage or release");
                };
        String why = engage ? GatewayRules.reason(reason) : null;
        if (engage && why == null) {
            return killPage(
                    request,
                    user,
                    GatewayForm.of(Map.of("reason", reason))
                            .refused(Map.of("reason", "gateway.error.reason"), msg),
                    null);
        }
        if (!GatewayConfirmation.confirmed(confirm)) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("action", action);
            if (why != null) {
                fields.put("reason", why);
            }
            return new GatewayConfirmation(
                            engage ? "gateway.kill.engageTitle" : "gateway.kill.releaseTitle",
                            why != null
                                    ? msg.text("gateway.kill.engageConfirm", why)
                                    : msg.text("gateway.kill.releaseConfirm"),
                            KILL,
                            fields,
                            engage ? "gateway.kill.engage" : "gateway.kill.release",
                            KILL)
                    .page(request);
        }
        administration.putKillSwitch(user.tenant(), engage, why, GatewayAccess.actor(user));
        return new ModelAndView(
                "redirect:" + KILL + "?done=" + (engage ? "killEngaged" : "killReleased"));
    }

    @GetMapping(SCHEDULE)
    ModelAndView schedule(
            HttpServletRequest request, @RequestParam(required = false) @Nullable String done) {
        PortalUser user = GatewayAccess.reader(request);
        StoredSchedule stored = schedules.find(user.tenant());
        return schedulePage(
                request, user, stored, form(stored.schedule()), GatewayAccess.notice(done));
    }

    @PostMapping(SCHEDULE)
    ModelAndView putSchedule(
            HttpServletRequest request,
            @RequestParam(defaultValue = "") String timezone,
            @RequestParam(required = false) @Nullable List<String> days,
            @RequestParam(defaultValue = "") String start,
            @RequestParam(defaultValue = "") String end,
            @RequestParam(defaultValue = "") String enabled) {
        PortalUser user = GatewayAccess.admin(request);
        List<String> chosen = days == null ? List.of() : days;
        boolean on = "on".equals(enabled) || "true".equals(enabled);
        Validated<Schedule> checked = GatewayRules.schedule(timezone, chosen, start, end, on);
        if (checked instanceof Validated.Valid<Schedule>(Schedule schedule)) {
            administration.putSchedule(user.tenant(), schedule, GatewayAccess.actor(user));
            return new ModelAndView("redirect:" + SCHEDULE + "?done=scheduleSaved");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("timezone", timezone);
        values.put("days", String.join(",", chosen));
        values.put("start", start);
        values.put("end", end);
        values.put("enabled", on ? "on" : "");
        return schedulePage(
                request,
                user,
                schedules.find(user.tenant()),
                new GatewayForm(values, Map.of())
                        .refused(
                                GatewayRules.keys(checked.problems()),
                                PortalContext.of(request).msg()),
                null);
    }

    private ModelAndView killPage(
            HttpServletRequest request,
            PortalUser user,
            GatewayForm form,
            @Nullable String notice) {
        KillSwitch state = killSwitches.find(user.tenant());
        return Pages.page(
                "gateway/killSwitch",
                request,
                "state",
                state,
                "form",
                form,
                "canAdmin",
                GatewayAccess.canAdmin(user),
                "notice",
                notice);
    }

    private ModelAndView schedulePage(
            HttpServletRequest request,
            PortalUser user,
            StoredSchedule stored,
            GatewayForm form,
            @Nullable String notice) {
        return Pages.page(
                "gateway/schedule",
                request,
                "view",
                GatewayScheduleView.of(stored, clock.instant()),
                "form",
                form,
                "canAdmin",
                GatewayAccess.canAdmin(user),
                "notice",
                notice);
    }

    private static GatewayForm form(Schedule s) {
        return GatewayForm.of(
                Map.of(
                        "timezone",
                        s.zone().getId(),
                        "days",
                        s.days().stream().map(Schedule::wireName).collect(Collectors.joining(",")),
                        "start",
                        s.start().toString(),
                        "end",
                        s.end().toString(),
                        "enabled",
                        s.enabled() ? "on" : ""));
    }
}
