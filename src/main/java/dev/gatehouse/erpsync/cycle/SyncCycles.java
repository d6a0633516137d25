package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.company.Companies;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanyAdministration;
import dev.gatehouse.erpsync.company.CompanySecrets;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.mail.Mailer;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.licensing.License;
import dev.gatehouse.licensing.LicenseStatus;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.modulith.NamedInterface;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The use cases of a company's cycle: run it now (the API's "Run now"), run it on its schedule,
 * force-release its lock, and reap leases that outlived {@code LOCK_TIMEOUT_MS}.
 *
 * <p>Design: a run needs a license that allows the sync (VALID, or ERROR within the 24 h grace) and
 * the company's lease ({@link SyncLocks}); a scheduled tick that finds the lease held logs {@code
 * [OVERLAP]} and skips, a manual run answers {@code run_in_progress}. The lease expires after
 * {@code LOCK_TIMEOUT_MS}; the reaper, run on one node at a time by the scheduler, deletes expired
 * leases, ends their runs as {@code timed_out} with the step they were stuck on, logs {@code
 * [TIMEOUT]} and e-mails {@code LICENSE_ADMIN_EMAIL}. The run's own thread, if it is still alive,
 * can no longer release or record anything over the reaper's outcome. Thread-safe.
 */
@NamedInterface("operations")
public final class SyncCycles implements AutoCloseable {

    static final String RUN_PREFIX = "run";

    /** A license check younger than this is reused before a cycle. */
    static final Duration LICENSE_FRESH = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(SyncCycles.class);
    private static final SystemScope REAPER = new SystemScope("sync: reaping expired cycle locks");

    private final CompanyAdministration companies;
    private final Companies companyRows;
    private final CycleRunner runner;
    private final SyncRuns runs;
    private final SyncLocks locks;
    private final License license;
    private final Mailer mailer;
    private final Optional<String> adminEmail;
    private final AuditLog audit;
    private final PublicIds ids;
    private final SyncSettings settings;
    private final Clock clock;
    private final String node;
    private final ExecutorService manualRuns = Executors.newVirtualThreadPerTaskExecutor();

    SyncCycles(
            CompanyAdministration companies,
            Companies companyRows,
            CycleRunner runner,
            SyncRuns runs,
            SyncLocks locks,
            License license,
            Mailer mailer,
            Optional<String> adminEmail,
            AuditLog audit,
            PublicIds ids,
            SyncSettings settings,
            Clock clock,
            String node) {
        this.companies = companies;
        this.companyRows = companyRows;
        this.runner = runner;
        this.runs = runs;
        this.locks = locks;
        this.license = license;
        this.mailer = mailer;
        this.adminEmail = adminEmail;
        this.audit = audit;
        this.ids = ids;
        this.settings = settings;
        this.clock = clock;
        this.node = node;
    }

    /** The outcome of {@link #runNow}. */
    public sealed interface Start {}

    @NamedInterface("operations")
    public record Started(String runId) implements Start {}

    @NamedInterface("operations")
    public record InProgress(String runId) implements Start {}

    public record LicenseBlocked(String reason) implements Start {}

    public record NoSuchCompany() implements Start {}

    /** Starts a manual run of the company in the background. */
    public Start runNow(TenantId tenant, String companyPublicId, Actor by) {
        Optional<Company> found = companies.find(tenant, companyPublicId);
        if (found.isEmpty()) {
            return new NoSuchCompany();
        }
        Company company = found.get();
        LicenseStatus status = freshLicense();
        if (!status.syncAllowed(clock.instant())) {
            return new LicenseBlocked(
                    status.reason() == null ? "the license is not valid" : status.reason());
        }
        Start start = begin(company, "manual");
        if (start instanceof Started(String runId)) {
            audit.record(
                    AuditEntry.of(tenant, by, "sync_run.started")
                            .withTarget("sync_company", company.publicId())
                            .withDetails(Map.of("run_id", runId)));
        }
        return start;
    }

    /** One scheduled tick of the company, run on the calling (scheduler) thread. */
    void scheduledTick(TenantId tenant, String companyPublicId) {
        Optional<Company> found = companies.find(tenant, companyPublicId);
        if (found.isEmpty() || !found.get().enabled()) {
            return;
        }
        Company company = found.get();
        Instant now = clock.instant();
        if (!freshLicense().syncAllowed(now)) {
            String runId = ids.next(RUN_PREFIX);
            long id = runs.create(tenant, company.id(), runId, "schedule", "running", node, now);
            runs.end(
                    tenant,
                    id,
                    "skipped",
                    "Ciclo omitido: licencia inactiva",
                    "Licencia inactiva",
                    null,
                    now);
            log.warn("[LICENSE] Sync blocked: tick of {} skipped", company.publicId());
            return;
        }
        begin(company, "schedule");
    }

    /**
     * The license as checked before this cycle: asked again when the last check is more than {@link
     * #LICENSE_FRESH} old, so that many companies ticking together ask the server once.
     */
    private LicenseStatus freshLicense() {
        LicenseStatus s = license.status();
        Instant last = s.lastCheckedAt();
        if (last == null || last.plus(LICENSE_FRESH).isBefore(clock.instant())) {
            return license.check();
        }
        return s;
    }

    private Start begin(Company company, String trigger) {
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        String runId = ids.next(RUN_PREFIX);
        if (!locks.acquire(
                company.tenant(),
                company.id(),
                token,
                runId,
                now,
                now.plus(settings.lockTimeout()))) {
            String holder =
                    locks.held(company.tenant(), company.id())
                            .map(SyncLocks.Lease::runId)
                            .orElse("unknown");
            log.warn(
                    "[OVERLAP] tenant={} run {} holds the cycle lock; {} run skipped",
                    company.publicId(),
                    holder,
                    trigger);
            return new InProgress(holder);
        }
        long id = runs.create(company.tenant(), company.id(), runId, trigger, "running", node, now);
        log.info("[START] tenant={} run={} trigger={}", company.publicId(), runId, trigger);
        Runnable work = () -> execute(company, id, runId, token);
        if (trigger.equals("manual")) {
            manualRuns.submit(work);
        } else {
            work.run();
        }
        return new Started(runId);
    }

    private void execute(Company company, long id, String runId, String token) {
        try (var mdc = MDC.putCloseable(CycleRunner.MDC_COMPANY, company.publicId())) {
            executeTagged(company, id, runId, token);
        }
    }

    private void executeTagged(Company company, long id, String runId, String token) {
        CycleRunner.Ended ended;
        try {
            Optional<CompanySecrets> secrets = companies.secrets(company);
            ended =
                    secrets.isPresent()
                            ? runner.run(company, secrets.get(), id, token)
                            : new CycleRunner.Ended(
                                    "failed",
                                    "The company's secrets no longer open",
                                    "give portal.key, portal.secret and sql.password again");
        } catch (RuntimeException e) {
            ended =
                    new CycleRunner.Ended(
                            "failed", "Failed: " + e.getClass().getSimpleName(), e.getMessage());
        }
        boolean recorded =
                runs.end(
                        company.tenant(),
                        id,
                        ended.status(),
                        ended.summary(),
                        ended.error(),
                        null,
                        clock.instant());
        boolean released = locks.release(company.tenant(), company.id(), token);
        log.info(
                "[COMPLETE] tenant={} run={} status={} {}{}",
                company.publicId(),
                runId,
                ended.status(),
                ended.summary(),
                recorded && released ? "" : " (its lock had already been released)");
    }

    /** What {@link #forceRelease} released. */
    public record Released(String runId, Instant acquiredAt, @Nullable String stuckOnStep) {}

    /** Releases the company's lock whoever holds it; empty when none was held. */
    public Optional<Optional<Released>> forceRelease(
            TenantId tenant, String companyPublicId, String reason, Actor by) {
        Optional<Company> found = companies.find(tenant, companyPublicId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Company company = found.get();
        Optional<SyncLocks.Lease> lease = locks.forceRelease(tenant, company.id());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("released", lease.isPresent());
        lease.ifPresent(l -> details.put("run_id", l.runId()));
        audit.record(
                AuditEntry.of(tenant, by, "sync_lock.force_released")
                        .withTarget("sync_company", company.publicId())
                        .withDetails(details));
        if (lease.isEmpty()) {
            log.info("[FORCE-RELEASE-NOOP] tenant={} no lock was held", company.publicId());
            return Optional.of(Optional.empty());
        }
        SyncLocks.Lease l = lease.get();
        runs.find(tenant, l.runId())
                .ifPresent(
                        r ->
                                runs.end(
                                        tenant,
                                        r.id(),
                                        "failed",
                                        "Lock released by an operator: " + reason,
                                        "ManualForceRelease",
                                        l.currentStep(),
                                        clock.instant()));
        log.warn(
                "[FORCE-RELEASE] tenant={} run={} stuckOnStep={} reason={}",
                company.publicId(),
                l.runId(),
                l.currentStep(),
                reason);
        notifyAdmin(
                "sync-force-release",
                "[SageConnect] Liberación manual: lock "
                        + company.publicId()
                        + " forzado por operador",
                "The cycle lock of company "
                        + company.publicId()
                        + " (run "
                        + l.runId()
                        + ", step "
                        + l.currentStep()
                        + ") was released by an operator. Reason: "
                        + reason);
        return Optional.of(Optional.of(new Released(l.runId(), l.acquiredAt(), l.currentStep())));
    }

    /** Ends every lease that outlived {@code LOCK_TIMEOUT_MS}; returns how many. */
    int reapExpiredLocks() {
        List<SyncLocks.Lease> expired = locks.reapExpired(REAPER, clock.instant());
        for (SyncLocks.Lease l : expired) {
            Duration held = Duration.between(l.acquiredAt(), clock.instant());
            String company =
                    companyRows
                            .byId(REAPER, l.companyId())
                            .map(Company::publicId)
                            .orElse("company " + l.companyId());
            runs.find(l.tenant(), l.runId())
                    .ifPresent(
                            r ->
                                    runs.end(
                                            l.tenant(),
                                            r.id(),
                                            "timed_out",
                                            "Timeout — lock liberado después de "
                                                    + held.toSeconds()
                                                    + "s",
                                            "Timeout",
                                            l.currentStep(),
                                            clock.instant()));
            log.warn(
                    "[TIMEOUT] Auto-released lock sync-cycle after {}s -- operationId={},"
                            + " stuckOnStep={}, stuckOnTenant={}",
                    held.toSeconds(),
                    l.runId(),
                    l.currentStep(),
                    company);
            notifyAdmin(
                    "sync-lock-timeout",
                    "[SageConnect] Auto-timeout: lock "
                            + company
                            + " liberado después de "
                            + held.toSeconds()
                            + "s",
                    "The cycle lock of "
                            + company
                            + " (run "
                            + l.runId()
                            + ") was held longer than LOCK_TIMEOUT_MS and was released. It was"
                            + " stuck on step "
                            + l.currentStep()
                            + ".");
        }
        return expired.size();
    }

    private void notifyAdmin(String kind, String subject, String text) {
        adminEmail.ifPresentOrElse(
                to -> mailer.sendLater(kind, List.of(to), subject, text),
                () ->
                        log.info(
                                "[ADMIN-EMAIL] not sent ({}): LICENSE_ADMIN_EMAIL is not set",
                                kind));
    }

    @Override
    public void close() {
        manualRuns.shutdownNow();
    }
}
