package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanyConfig;
import dev.gatehouse.erpsync.company.CompanySecrets;
import dev.gatehouse.erpsync.flow.CompanyFolders;
import dev.gatehouse.erpsync.flow.StepContext;
import dev.gatehouse.erpsync.importer.Importer;
import dev.gatehouse.erpsync.portal.PortalClients;
import dev.gatehouse.erpsync.sage.SageDatabases;
import dev.gatehouse.erpsync.step.StepCancellation;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one company's steps in order, each on a thread of its own under {@code STEP_TIMEOUT_MS}. A
 * step that overruns is cancelled: its {@link StepCancellation} cancels its SQL statement and
 * aborts its portal exchange, its thread is interrupted, and the runner waits up to {@link
 * #STOP_GRACE} for the thread to end before it goes on. A step that fails or times out skips the
 * company's remaining steps. The caller holds the company's lock. Thread-safe.
 */
final class CycleRunner {

    /**
     * The log field naming the company a line is about (its public id), on every line its cycle and
     * steps write; {@code GET /v1/sync/logs} shows a tenant the lines of its companies by it.
     */
    static final String MDC_COMPANY = "company";

    /** How long a cancelled step's thread is given to end. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(CycleRunner.class);
    private static final JsonMapper JSON =
            JsonMapper.builder()
                    .propertyNamingStrategy(
                            tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                    .build();

    private final List<SyncStep> steps;
    private final SyncRuns runs;
    private final SyncLocks locks;
    private final SageDatabases databases;
    private final PortalClients portals;
    private final SyncSettings settings;
    private final Clock clock;
    private final Importer importer;
    private final ImporterNotices notices;

    CycleRunner(
            List<SyncStep> steps,
            SyncRuns runs,
            SyncLocks locks,
            SageDatabases databases,
            PortalClients portals,
            SyncSettings settings,
            Clock clock,
            Importer importer,
            ImporterNotices notices) {
        this.steps = List.copyOf(steps);
        this.importer = importer;
        this.notices = notices;
        this.runs = runs;
        this.locks = locks;
        this.databases = databases;
        this.portals = portals;
        this.settings = settings;
        this.clock = clock;
    }

    /** How a run ended. */
    record Ended(String status, String summary, @Nullable String error) {}

    /**
     * Runs every step of {@code company} for run {@code runId} under lock {@code token}, then its
     * importer when it has one (also after a failed step: the files already written are worth
     * importing), except with {@code SYNC_DRY_RUN} on.
     */
    Ended run(Company company, CompanySecrets secrets, long runId, String token) {
        Ended steps = runSteps(company, secrets, runId, token);
        if (company.config().importer() == null) {
            return steps;
        }
        if (settings.dryRun()) {
            log.info(
                    "[DRY-RUN] tenant={} the importer is not started: it would load the files into"
                            + " Sage",
                    company.publicId());
            return steps;
        }
        Ended imported = runImporter(company, runId, token);
        return steps.status().equals("succeeded") ? imported : steps;
    }

    private Ended runSteps(Company company, CompanySecrets secrets, long runId, String token) {
        Instant started = clock.instant();
        for (int i = 0; i < steps.size(); i++) {
            SyncStep step = steps.get(i);
            int position = i + 1;
            locks.onStep(
                    company.tenant(),
                    company.id(),
                    token,
                    step.name(),
                    clock.instant().plus(settings.lockTimeout()));
            runs.stepStarted(company.tenant(), runId, position, step.name(), clock.instant());
            Outcome o = runStep(company, secrets, step);
            runs.stepEnded(
                    company.tenant(),
                    runId,
                    position,
                    o.status(),
                    o.summary(),
                    o.error(),
                    clock.instant());
            if (!o.status().equals("succeeded")) {
                for (int j = i + 1; j < steps.size(); j++) {
                    runs.stepSkipped(company.tenant(), runId, j + 1, steps.get(j).name());
                }
                long ms = Duration.between(started, clock.instant()).toMillis();
                return new Ended(
                        o.status(),
                        "Failed after " + ms + "ms: " + step.name() + " " + o.status(),
                        o.error());
            }
        }
        return new Ended(
                "succeeded",
                "Completed in " + Duration.between(started, clock.instant()).toMillis() + "ms",
                null);
    }

    /** The step name of the importer in runs and log lines, as in SageConnect. */
    static final String IMPORTER_STEP = "startChildProcess";

    private Ended runImporter(Company company, long runId, String token) {
        CompanyConfig.Importer configured =
                java.util.Objects.requireNonNull(company.config().importer());
        int position = steps.size() + 1;
        Instant started = clock.instant();
        locks.onStep(
                company.tenant(),
                company.id(),
                token,
                IMPORTER_STEP,
                started.plus(settings.lockTimeout()));
        runs.stepStarted(company.tenant(), runId, position, IMPORTER_STEP, started);
        Path program = Path.of(configured.program()).normalize();
        Importer.Result r =
                settings.importerPrograms().contains(program)
                        ? importer.run(
                                program,
                                configured.argument(),
                                CompanyFolders.downloads(settings, company),
                                settings.childProcessTimeout(),
                                company.publicId())
                        : new Importer.NotStarted(
                                "the program is no longer in SYNC_IMPORTER_PROGRAMS",
                                Duration.ZERO,
                                List.of());
        if (!r.stderr().isEmpty()) {
            notices.stderr(company, r.stderr());
        }
        Outcome o =
                switch (r) {
                    case Importer.Exited(int code, var took, var err) ->
                            code == 0
                                    ? new Outcome("succeeded", "{\"exit_code\":0}", null)
                                    : new Outcome(
                                            "failed",
                                            "{\"exit_code\":" + code + "}",
                                            "Child process failed with code " + code);
                    case Importer.TimedOut(long pid, int killed, var took, var err) -> {
                        String msg =
                                "Child process timeout after "
                                        + settings.childProcessTimeout().toMillis()
                                        + "ms — killed (PID was "
                                        + pid
                                        + ")";
                        notices.timedOut(company, program, settings.childProcessTimeout(), pid);
                        yield new Outcome("timed_out", "{\"killed\":" + killed + "}", msg);
                    }
                    case Importer.NotStarted(String reason, var took, var err) ->
                            new Outcome("failed", null, reason);
                };
        runs.stepEnded(
                company.tenant(),
                runId,
                position,
                o.status(),
                o.summary(),
                o.error(),
                clock.instant());
        return new Ended(
                o.status(),
                o.status().equals("succeeded")
                        ? "Completed in "
                                + Duration.between(started, clock.instant()).toMillis()
                                + "ms"
                        : "Failed: " + IMPORTER_STEP + " " + o.status(),
                o.error());
    }

    private record Outcome(String status, @Nullable String summary, @Nullable String error) {}

    private Outcome runStep(Company company, CompanySecrets secrets, SyncStep step) {
        StepCancellation cancellation = StepCancellation.forStep();
        CompletableFuture<Object> result = new CompletableFuture<>();
        Logger stepLog = LoggerFactory.getLogger(step.logger());
        Thread thread =
                Thread.ofPlatform()
                        .daemon()
                        .name("sync-step-" + company.publicId() + "-" + step.name())
                        .start(
                                () -> {
                                    MDC.put(MDC_COMPANY, company.publicId());
                                    try {
                                        result.complete(
                                                step.run(
                                                        new StepContext(
                                                                company,
                                                                secrets,
                                                                databases,
                                                                portals,
                                                                step.name(),
                                                                stepLog,
                                                                cancellation,
                                                                clock.instant(),
                                                                CompanyFolders.downloads(
                                                                        settings, company))));
                                    } catch (Throwable t) {
                                        result.completeExceptionally(t);
                                    }
                                });
        Duration timeout = settings.stepTimeout();
        try {
            Object summary = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome("succeeded", JSON.writeValueAsString(summary), null);
        } catch (TimeoutException e) {
            String err =
                    "Step timeout after "
                            + timeout.toMillis()
                            + "ms — step="
                            + step.name()
                            + " tenant="
                            + company.publicId();
            log.warn(
                    "[TIMEOUT] step={} tenant={} url=n/a durationMs={} err={}",
                    step.name(),
                    company.publicId(),
                    timeout.toMillis(),
                    err);
            cancellation.cancel();
            thread.interrupt();
            stop(thread, step, company);
            return new Outcome("timed_out", null, err);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.warn(
                    "[ERROR] step={} tenant={} failed: {}",
                    step.name(),
                    company.publicId(),
                    cause.toString());
            return new Outcome(
                    "failed", null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.cancel();
            thread.interrupt();
            return new Outcome("failed", null, "the run was interrupted (node shutting down)");
        }
    }

    private static void stop(Thread thread, SyncStep step, Company company) {
        try {
            if (!thread.join(STOP_GRACE)) {
                log.error(
                        "[TIMEOUT] step={} tenant={} the cancelled step's thread is still running"
                                + " after {}s",
                        step.name(),
                        company.publicId(),
                        STOP_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
