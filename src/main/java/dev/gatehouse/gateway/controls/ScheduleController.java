package dev.gatehouse.gateway.controls;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.gateway.policy.Problem;
import dev.gatehouse.gateway.policy.Schedule;
import dev.gatehouse.gateway.policy.Validated;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/gateway/schedule}: the tenant's business hours. A tenant that never set one has the
 * default (Monday–Friday 11:00–20:00, {@code Asia/Karachi}). The answer also says whether relays
 * are inside the schedule now, and when the current window ends or the next one starts, in the
 * schedule's zone.
 */
@RestController
class ScheduleController {

    private static final String DAYS = "MON, TUE, WED, THU, FRI, SAT or SUN";

    private final Schedules schedules;
    private final ControlsAdministration administration;
    private final Clock clock;

    ScheduleController(Schedules schedules, ControlsAdministration administration, Clock clock) {
        this.schedules = schedules;
        this.administration = administration;
        this.clock = clock;
    }

    /** The body of {@code PUT}: the whole schedule. */
    @Schema(name = "GatewayScheduleRequest")
    record ScheduleRequest(
            @Schema(
                            requiredMode = REQUIRED,
                            description = "An IANA time zone such as Asia/Karachi.",
                            maxLength = 64)
                    @Nullable String timezone,
            @ArraySchema(
                            minItems = 1,
                            maxItems = 7,
                            uniqueItems = true,
                            schema =
                                    @Schema(
                                            allowableValues = {
                                                "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"
                                            }),
                            arraySchema = @Schema(requiredMode = REQUIRED))
                    @Nullable List<String> days,
            @Schema(
                            requiredMode = REQUIRED,
                            description = "Local opening time, HH:MM.",
                            pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")
                    @Nullable String start,
            @Schema(
                            requiredMode = REQUIRED,
                            description =
                                    "Local closing time, HH:MM, exclusive; earlier than start"
                                            + " means the next day (22:00 to 06:00).",
                            pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")
                    @Nullable String end,
            @Schema(requiredMode = REQUIRED, description = "false removes the time restriction.")
                    @Nullable Boolean enabled) {}

    @Schema(name = "GatewaySchedule")
    record ScheduleView(
            String timezone,
            @ArraySchema(
                            schema =
                                    @Schema(
                                            allowableValues = {
                                                "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"
                                            }))
                    List<String> days,
            @Schema(example = "11:00") String start,
            @Schema(example = "20:00") String end,
            boolean enabled,
            @Schema(description = "Null while the tenant has the default schedule.")
                    @Nullable Instant updatedAt,
            @Schema(description = "Whether a relay started now is inside the schedule.")
                    boolean openNow,
            @Schema(description = "When the current window closes, in the schedule's zone.")
                    @Nullable OffsetDateTime currentWindowEnd,
            @Schema(description = "When the next window opens, in the schedule's zone.")
                    @Nullable OffsetDateTime nextWindowStart) {

        static ScheduleView of(StoredSchedule stored, Instant now) {
            Schedule s = stored.schedule();
            return new ScheduleView(
                    s.zone().getId(),
                    s.days().stream().map(Schedule::wireName).toList(),
                    s.start().toString(),
                    s.end().toString(),
                    s.enabled(),
                    stored.updatedAt(),
                    s.isOpen(now),
                    s.windowAt(now).map(w -> w.end().toOffsetDateTime()).orElse(null),
                    s.nextWindowStart(now).map(z -> z.toOffsetDateTime()).orElse(null));
        }
    }

    @GetMapping("/v1/gateway/schedule")
    ScheduleView get(Caller caller) {
        TenantId tenant = caller.tenantWith(GatewayScopes.READ);
        return ScheduleView.of(schedules.find(tenant), clock.instant());
    }

    @PutMapping("/v1/gateway/schedule")
    ScheduleView put(Caller caller, @RequestBody ScheduleRequest body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        List<ApiProblem.FieldMessage> errors = new ArrayList<>();
        required(body.timezone(), "timezone", errors);
        required(body.days(), "days", errors);
        required(body.start(), "start", errors);
        required(body.end(), "end", errors);
        required(body.enabled(), "enabled", errors);
        if (body.days() != null && body.days().stream().anyMatch(d -> d == null)) {
            errors.add(new ApiProblem.FieldMessage("days", "must list " + DAYS));
        }
        if (!errors.isEmpty()
                || body.timezone() == null
                || body.days() == null
                || body.start() == null
                || body.end() == null
                || body.enabled() == null) {
            throw ApiProblem.badRequest("The request is not valid.", errors);
        }
        Validated<Schedule> checked =
                Schedule.parse(
                        body.timezone(), body.days(), body.start(), body.end(), body.enabled());
        if (!(checked instanceof Validated.Valid<Schedule>(Schedule schedule))) {
            for (Problem p : checked.problems()) {
                errors.add(new ApiProblem.FieldMessage(p.field(), p.message()));
            }
            throw ApiProblem.badRequest("The request is not valid.", errors);
        }
        return ScheduleView.of(
                administration.putSchedule(tenant, schedule, KeyIssuer.actorOf(caller)),
                clock.instant());
    }

    private static void required(
            @Nullable Object value, String field, List<ApiProblem.FieldMessage> errors) {
        if (value == null) {
            errors.add(new ApiProblem.FieldMessage(field, "is required"));
        }
    }
}
