package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.SyncScopes;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.openapi.ProblemResponse;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A company's cycle over the API: run it now, read a run with its steps, the last hours' runs, each
 * company's schedule, force-release a stuck lock, and follow a run's progress as it happens. Reads
 * need {@code sync:read}, the rest {@code sync:admin}; another tenant's company or run is a 404.
 */
@RestController
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
class RunsController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SyncCycles cycles;
    private final SyncOperations operations;

    RunsController(SyncCycles cycles, SyncOperations operations) {
        this.cycles = cycles;
        this.operations = operations;
    }

    @Schema(name = "SyncRunStarted")
    record StartedView(String runId) {}

    @Schema(name = "SyncRunStep")
    record StepView(
            String name,
            @Schema(allowableValues = {"running", "succeeded", "failed", "timed_out", "skipped"})
                    String status,
            @Nullable Instant startedAt,
            @Nullable Instant endedAt,
            @Nullable Long durationMs,
            @Schema(description = "The step's counters.") @Nullable JsonNode summary,
            @Nullable String error) {

        static StepView of(SyncRun.Step s) {
            return new StepView(
                    s.name(),
                    s.status(),
                    s.startedAt(),
                    s.endedAt(),
                    s.startedAt() == null || s.endedAt() == null
                            ? null
                            : Duration.between(s.startedAt(), s.endedAt()).toMillis(),
                    s.summary() == null ? null : JSON.readTree(s.summary()),
                    s.error());
        }
    }

    @Schema(name = "SyncRun")
    record RunView(
            String id,
            String companyId,
            @Schema(allowableValues = {"schedule", "manual"}) String trigger,
            @Schema(
                            allowableValues = {
                                "queued",
                                "running",
                                "succeeded",
                                "failed",
                                "timed_out",
                                "skipped"
                            })
                    String status,
            @Nullable Instant startedAt,
            @Nullable Instant endedAt,
            @Nullable String summary,
            @Nullable String error,
            @Schema(description = "The step the run was on when its lock was released.")
                    @Nullable String stuckOnStep,
            List<StepView> steps) {

        static RunView of(SyncRun r) {
            return new RunView(
                    r.publicId(),
                    r.companyPublicId(),
                    r.trigger(),
                    r.status(),
                    r.startedAt(),
                    r.endedAt(),
                    r.summary(),
                    r.error(),
                    r.stuckOnStep(),
                    r.steps().stream().map(StepView::of).toList());
        }
    }

    @Schema(name = "SyncRunList")
    record RunsView(List<RunView> data) {}

    @Schema(name = "SyncScheduleEntry")
    record ScheduleView(
            String companyId,
            String cron,
            String timeZone,
            @Schema(allowableValues = {"scheduled", "running", "disabled"}) String status,
            @Nullable Instant nextRun,
            @Nullable Instant lastRun) {}

    @Schema(name = "SyncScheduleList")
    record SchedulesView(List<ScheduleView> data) {}

    @Schema(name = "SyncLockReleaseRequest")
    record ReleaseBody(@Schema(description = "Why, 1–500 characters.") @Nullable String reason) {}

    @Schema(name = "SyncLockReleased")
    record ReleasedView(
            boolean released,
            @Nullable String runId,
            @Nullable Instant acquiredAt,
            @Nullable String stuckOnStep) {}

    @PostMapping("/v1/sync/companies/{id}/run")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(
            status = 409,
            code = "run_in_progress",
            when = "A run of the company holds its lock.")
    @ProblemResponse(
            status = 503,
            code = "license_invalid",
            when = "The SageConnect license is not VALID (nor in its 24 h grace).")
    StartedView run(Caller caller, @PathVariable String id) {
        TenantId tenant = caller.tenantWith(SyncScopes.ADMIN);
        return switch (cycles.runNow(tenant, id, KeyIssuer.actorOf(caller))) {
            case SyncCycles.Started(String runId) -> new StartedView(runId);
            case SyncCycles.InProgress(String runId) ->
                    throw new ApiProblem(
                            409,
                            "run_in_progress",
                            "Conflict",
                            "Run " + runId + " of this company is in progress.",
                            List.of(),
                            null);
            case SyncCycles.LicenseBlocked(String reason) ->
                    throw ApiProblem.unavailable(
                            "license_invalid", "The sync is blocked: " + reason);
            case SyncCycles.NoSuchCompany n -> throw ApiProblem.notFound("No such company.");
        };
    }

    @GetMapping("/v1/sync/runs/{runId}")
    RunView get(Caller caller, @PathVariable String runId) {
        return operations
                .run(caller.tenantWith(SyncScopes.READ), runId)
                .map(RunView::of)
                .orElseThrow(() -> ApiProblem.notFound("No such run."));
    }

    @GetMapping(path = "/v1/sync/runs/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ApiResponse(
            responseCode = "200",
            description =
                    "Server-Sent Events: `event: step` with a SyncRunStep each time a step starts"
                            + " or ends (a late client gets the steps so far first), then `event:"
                            + " run` with the SyncRun when it ends, and the stream closes. A"
                            + " comment line every 5 s keeps it open.",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(type = "string")))
    @ProblemResponse(
            status = 503,
            code = "too_many_streams",
            when = "The node serves 256 progress streams already.")
    SseEmitter events(Caller caller, @PathVariable String runId) {
        return operations
                .events(caller.tenantWith(SyncScopes.READ), runId)
                .orElseThrow(() -> ApiProblem.notFound("No such run."));
    }

    @GetMapping("/v1/sync/history")
    RunsView history(
            Caller caller,
            @Schema(description = "1–720, 24 by default.") @RequestParam(required = false)
                    @Nullable String hours) {
        TenantId tenant = caller.tenantWith(SyncScopes.READ);
        int h = hours(hours);
        return new RunsView(
                operations.history(tenant, Duration.ofHours(h)).stream().map(RunView::of).toList());
    }

    @GetMapping("/v1/sync/schedule")
    SchedulesView schedule(Caller caller) {
        TenantId tenant = caller.tenantWith(SyncScopes.READ);
        return new SchedulesView(
                operations.schedules(tenant).stream()
                        .map(
                                c ->
                                        new ScheduleView(
                                                c.company().publicId(),
                                                c.company().config().cron(),
                                                c.company().config().timeZone(),
                                                c.status(),
                                                c.nextRun(),
                                                c.lastRun()))
                        .toList());
    }

    @PostMapping("/v1/sync/companies/{id}/lock:release")
    ReleasedView release(Caller caller, @PathVariable String id, @RequestBody ReleaseBody body) {
        TenantId tenant = caller.tenantWith(SyncScopes.ADMIN);
        String reason = body.reason() == null ? "" : body.reason().strip();
        if (reason.isEmpty() || reason.length() > 500) {
            throw ApiProblem.badRequest("reason", "must be 1 to 500 characters");
        }
        Optional<SyncCycles.Released> released =
                cycles.forceRelease(tenant, id, reason, KeyIssuer.actorOf(caller))
                        .orElseThrow(() -> ApiProblem.notFound("No such company."));
        return released.map(r -> new ReleasedView(true, r.runId(), r.acquiredAt(), r.stuckOnStep()))
                .orElse(new ReleasedView(false, null, null, null));
    }

    private static int hours(@Nullable String value) {
        if (value == null) {
            return 24;
        }
        try {
            int h = Integer.parseInt(value);
            if (h >= 1 && h <= 720) {
                return h;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.badRequest("hours", "must be a whole number from 1 to 720");
    }
}
