package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanyAdministration;
import dev.gatehouse.erpsync.company.CompanySecrets;
import dev.gatehouse.erpsync.flow.CompanyFolders;
import dev.gatehouse.erpsync.flow.StepContext;
import dev.gatehouse.erpsync.payments.PaymentReconciliation;
import dev.gatehouse.erpsync.portal.PortalClients;
import dev.gatehouse.erpsync.portal.PortalUnavailable;
import dev.gatehouse.erpsync.sage.SageDatabases;
import dev.gatehouse.erpsync.sage.SageFailure;
import dev.gatehouse.erpsync.step.StepCancellation;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.licensing.License;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an operator does with SageConnect, for the API's controllers and the portal's pages alike:
 * each company's schedule and lease, the recent runs, one run and its live progress, items sent and
 * failed per day, and the payments' reconciliation. Every method takes the caller's tenant; a
 * company or run of another tenant is never found. Scopes are the caller's business.
 */
@NamedInterface("operations")
@Component
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
public final class SyncOperations {

    /** The most days {@link #perDay} looks back. */
    public static final int MAX_DAYS = 90;

    private static final Pattern PAYMENT_NUMBER = Pattern.compile("^PY\\d{1,20}$");

    private final SyncRuns runs;
    private final SyncSchedule schedule;
    private final SyncLocks locks;
    private final CompanyAdministration companies;
    private final RunEvents events;
    private final PaymentReconciliation reconciliation;
    private final SageDatabases databases;
    private final PortalClients portals;
    private final License license;
    private final AuditLog audit;
    private final Clock clock;
    private final SyncSettings settings;

    SyncOperations(
            SyncRuns runs,
            SyncSchedule schedule,
            SyncLocks locks,
            CompanyAdministration companies,
            RunEvents events,
            PaymentReconciliation reconciliation,
            SageDatabases databases,
            PortalClients portals,
            License license,
            AuditLog audit,
            Clock clock,
            Settings settings) {
        this.runs = runs;
        this.schedule = schedule;
        this.locks = locks;
        this.companies = companies;
        this.events = events;
        this.reconciliation = reconciliation;
        this.databases = databases;
        this.portals = portals;
        this.license = license;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings.section(SyncSettings.class);
    }

    /**
     * A company's schedule as it stands.
     *
     * @param status {@code scheduled}, {@code running} (its lease is held) or {@code disabled}
     * @param runningRunId the run holding the lease, when running
     * @param runningSince when that run took the lease
     * @param currentStep the step that run is on, when known
     */
    public record CompanySchedule(
            Company company,
            String status,
            @Nullable Instant nextRun,
            @Nullable Instant lastRun,
            @Nullable String runningRunId,
            @Nullable Instant runningSince,
            @Nullable String currentStep) {}

    /** Items the sending steps sent and failed on one UTC day. */
    public record Day(LocalDate day, long sent, long failed) {}

    /** A reconciliation's report, with the day it started from and its count per class. */
    public record Reconciled(
            Company company,
            boolean dryRun,
            LocalDate fromDate,
            PaymentReconciliation.Report report,
            Map<String, Integer> classes) {}

    /** Every company of {@code tenant} (at most 500) with its schedule. */
    public List<CompanySchedule> schedules(TenantId tenant) {
        return companies.list(tenant, 0, 500).stream().map(c -> scheduleOf(tenant, c)).toList();
    }

    /** The companies of {@code tenant}, at most 500, oldest first. */
    public List<Company> companies(TenantId tenant) {
        return companies.list(tenant, 0, 500);
    }

    /** The company {@code companyId} of {@code tenant}. */
    public Optional<Company> company(TenantId tenant, String companyId) {
        return companies.find(tenant, companyId);
    }

    /** Runs created in the last {@code back}, newest first, at most 500. */
    public List<SyncRun> history(TenantId tenant, Duration back) {
        return runs.since(tenant, clock.instant().minus(back));
    }

    /** One run with its steps. */
    public Optional<SyncRun> run(TenantId tenant, String runId) {
        return runs.find(tenant, runId);
    }

    /** A stream of the run's progress ({@link RunEvents}); empty when there is no such run. */
    public Optional<SseEmitter> events(TenantId tenant, String runId) {
        return events.open(tenant, runId);
    }

    /**
     * Items sent and failed on each of the last {@code days} UTC days (1 to {@link #MAX_DAYS}),
     * oldest first, today included; a day without sending has zeros.
     */
    public List<Day> perDay(TenantId tenant, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1 to " + MAX_DAYS + ", was " + days);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, Day> counted =
                runs.perDay(tenant, first.atStartOfDay(ZoneOffset.UTC).toInstant()).stream()
                        .collect(Collectors.toMap(Day::day, Function.identity()));
        List<Day> all = new ArrayList<>(days);
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            all.add(counted.getOrDefault(d, new Day(d, 0, 0)));
        }
        return List.copyOf(all);
    }

    /**
     * Classifies the company's payments from {@code fromDate} ({@code RETRY_LOOKBACK_DAYS} back
     * when null) and, unless {@code dryRun}, repairs and sends what it can, audited as {@code
     * sync_payments.reconciled}.
     *
     * @throws ApiProblem 400 for a bad date or filter, 404 for no such company, 503 {@code
     *     license_invalid}, 502 {@code sage_unavailable} or {@code portal_unavailable}
     */
    public Reconciled reconcile(
            TenantId tenant,
            @Nullable String companyId,
            @Nullable String fromDate,
            @Nullable String filter,
            boolean dryRun,
            Actor by) {
        if (companyId == null) {
            throw ApiProblem.badRequest("company_id", "is required");
        }
        Company company =
                companies
                        .find(tenant, companyId)
                        .orElseThrow(() -> ApiProblem.notFound("No such company."));
        if (filter != null && !PAYMENT_NUMBER.matcher(filter).matches()) {
            throw ApiProblem.badRequest("filter", "must be a payment number such as PY0002");
        }
        StepContext ctx = context(company, "reconcilePayments", PaymentReconciliation.class);
        LocalDate from = fromDate(fromDate, LocalDate.ofInstant(ctx.now(), ctx.zone()));
        PaymentReconciliation.Report report;
        try {
            report = reconciliation.reconcile(ctx, from, filter, dryRun);
        } catch (SageFailure e) {
            throw sageUnavailable();
        } catch (PortalUnavailable e) {
            throw new ApiProblem(
                    502,
                    "portal_unavailable",
                    "Bad gateway",
                    "The portal's invoices could not be read.",
                    List.of(),
                    null);
        }
        Map<String, Integer> classes = new LinkedHashMap<>();
        for (PaymentReconciliation.Kind k : PaymentReconciliation.Kind.values()) {
            classes.put(k.wire(), 0);
        }
        report.items().forEach(i -> classes.merge(i.kind().wire(), 1, Integer::sum));
        if (!dryRun) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from_date", from.toString());
            if (filter != null) {
                details.put("filter", filter);
            }
            details.put("classes", classes);
            details.put(
                    "outcomes",
                    report.items().stream()
                            .collect(
                                    Collectors.groupingBy(
                                            i -> String.valueOf(i.outcome()),
                                            LinkedHashMap::new,
                                            Collectors.counting())));
            audit.record(
                    AuditEntry.of(tenant, by, "sync_payments.reconciled")
                            .withTarget("sync_company", company.publicId())
                            .withDetails(details));
        }
        return new Reconciled(company, dryRun, from, report, Map.copyOf(classes));
    }

    /**
     * What a manual action on {@code company} works with, as a cycle's step would; refused while
     * the license blocks the sync.
     */
    StepContext context(Company company, String action, Class<?> logger) {
        if (!license.status().syncAllowed(clock.instant())) {
            throw ApiProblem.unavailable("license_invalid", "The sync is blocked by its license.");
        }
        CompanySecrets secrets =
                companies
                        .secrets(company)
                        .orElseThrow(
                                () ->
                                        ApiProblem.badRequest(
                                                "company_id",
                                                "the company's secrets no longer open; set them"
                                                        + " again"));
        return new StepContext(
                company,
                secrets,
                databases,
                portals,
                action,
                LoggerFactory.getLogger(logger),
                StepCancellation.NONE,
                clock.instant(),
                CompanyFolders.downloads(settings, company));
    }

    static ApiProblem sageUnavailable() {
        return new ApiProblem(
                502,
                "sage_unavailable",
                "Bad gateway",
                "The Sage database failed.",
                List.of(),
                null);
    }

    private CompanySchedule scheduleOf(TenantId tenant, Company c) {
        Optional<SyncLocks.Lease> lease = locks.held(tenant, c.id());
        return new CompanySchedule(
                c,
                !c.enabled() ? "disabled" : lease.isPresent() ? "running" : "scheduled",
                c.enabled() ? schedule.next(c).orElse(null) : null,
                runs.lastEnded(tenant, c.id()).orElse(null),
                lease.map(SyncLocks.Lease::runId).orElse(null),
                lease.map(SyncLocks.Lease::acquiredAt).orElse(null),
                lease.map(SyncLocks.Lease::currentStep).orElse(null));
    }

    private LocalDate fromDate(@Nullable String value, LocalDate today) {
        if (value == null) {
            return today.minusDays(settings.retryLookbackDays());
        }
        try {
            LocalDate d = LocalDate.parse(value);
            if (!d.isAfter(today) && !d.isBefore(today.minusYears(1))) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw ApiProblem.badRequest("from_date", "must be a day within the last year, yyyy-mm-dd");
    }
}
