package dev.gatehouse.erpsync.company;

import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.kernel.web.ApiProblem.FieldMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The use cases of a tenant's companies: create, change (a {@link CompanyPatch} over the stored
 * company), read, and open the secrets for the sync. Every save seals the secrets at once, is
 * audited with the names of the secrets it changed (never their values) and publishes {@link
 * #TOPIC} in its transaction, so every node closes that company's SQL pools before the call
 * returns. Thread-safe.
 */
public final class CompanyAdministration {

    /** The cluster topic a company's change is published on; the key is its public id. */
    public static final String TOPIC = "sync_companies";

    static final String ID_PREFIX = "co";

    private static final Logger log = LoggerFactory.getLogger(CompanyAdministration.class);

    private final Companies companies;
    private final CompanyRequests requests;
    private final CompanyVault vault;
    private final SyncSettings settings;
    private final ClusterInvalidations cluster;
    private final AuditLog audit;
    private final Transactions tx;
    private final PublicIds ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CompanyAdministration(
            Companies companies,
            CompanyRequests requests,
            CompanyVault vault,
            SyncSettings settings,
            ClusterInvalidations cluster,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            Clock clock,
            ApplicationEventPublisher events) {
        this.companies = companies;
        this.requests = requests;
        this.vault = vault;
        this.settings = settings;
        this.cluster = cluster;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** The outcome of a save. */
    public sealed interface Saved permits Stored, Rejected, Conflict {}

    public record Stored(Company company) implements Saved {}

    /** The body is not valid; nothing changed. */
    public record Rejected(List<FieldMessage> errors) implements Saved {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }

    /** The body is valid but cannot be stored now (name taken, limit reached). */
    public record Conflict(String code, String detail) implements Saved {}

    public Optional<Company> find(TenantId tenant, String publicId) {
        return PublicIds.looksLike(ID_PREFIX, publicId)
                ? companies.find(tenant, publicId)
                : Optional.empty();
    }

    public List<Company> list(TenantId tenant, long afterId, int limit) {
        return companies.list(tenant, afterId, limit);
    }

    /** The company's secrets, or empty when they no longer open. */
    public Optional<CompanySecrets> secrets(Company company) {
        return vault.open(company);
    }

    public Saved create(TenantId tenant, CompanyRequests.CompanyBody body, Actor by) {
        return switch (requests.check(body, true)) {
            case CompanyRequests.Invalid(var errors) -> new Rejected(errors);
            case CompanyRequests.Valid v ->
                    tx.inTenant(
                            tenant,
                            () -> {
                                companies.lock(tenant);
                                if (companies.count(tenant) >= settings.maxCompaniesPerTenant()) {
                                    return new Conflict(
                                            "limit_reached",
                                            "This tenant already has "
                                                    + settings.maxCompaniesPerTenant()
                                                    + " companies, the most"
                                                    + " SYNC_MAX_COMPANIES_PER_TENANT allows.");
                                }
                                String publicId = ids.next(ID_PREFIX);
                                if (companies.nameTaken(tenant, v.name(), publicId)) {
                                    return nameTaken();
                                }
                                Company c =
                                        companies.insert(
                                                tenant,
                                                publicId,
                                                fields(tenant, publicId, v, v.given()),
                                                clock.instant());
                                saved(c, "sync_company.created", v.given(), by);
                                return new Stored(c);
                            });
        };
    }

    /** Lays {@code patch} over the stored company; empty when the tenant has no such company. */
    public Optional<Saved> update(
            TenantId tenant, String publicId, CompanyRequests.CompanyBody patch, Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    companies.lock(tenant);
                    return find(tenant, publicId).map(current -> change(current, patch, by));
                });
    }

    private Saved change(Company current, CompanyRequests.CompanyBody patch, Actor by) {
        CompanyRequests.CompanyBody merged =
                CompanyPatch.merge(CompanyPatch.bodyOf(current), patch);
        return switch (requests.check(merged, false)) {
            case CompanyRequests.Invalid(var errors) -> new Rejected(errors);
            case CompanyRequests.Valid v -> {
                Optional<CompanySecrets> stored = vault.open(current);
                CompanySecrets secrets = v.given().orElse(stored.orElse(CompanySecrets.none()));
                if (!secrets.complete()) {
                    yield new Rejected(
                            List.of(
                                    new FieldMessage(
                                            "portal",
                                            "the stored secrets can no longer be opened; give"
                                                    + " portal.key, portal.secret and sql.password"
                                                    + " again")));
                }
                if (companies.nameTaken(current.tenant(), v.name(), current.publicId())) {
                    yield nameTaken();
                }
                Company c =
                        companies.update(
                                current.tenant(),
                                current.publicId(),
                                fields(current.tenant(), current.publicId(), v, secrets),
                                clock.instant());
                saved(c, "sync_company.updated", v.given(), by);
                yield new Stored(c);
            }
        };
    }

    private Companies.Fields fields(
            TenantId tenant, String publicId, CompanyRequests.Valid v, CompanySecrets secrets) {
        return new Companies.Fields(
                v.name(), v.config(), vault.seal(tenant, publicId, secrets), v.enabled());
    }

    private void saved(Company c, String action, CompanySecrets given, Actor by) {
        cluster.publish(TOPIC, c.publicId());
        events.publishEvent(new CompanySaved(c));
        if (c.config().sql().trustServerCertificate()) {
            log.warn(
                    "Company {} trusts any SQL Server certificate (trust_server_certificate):"
                            + " its SQL traffic is encrypted but the server is not authenticated",
                    c.publicId());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", c.name());
        details.put("portal_url", c.config().portal().url());
        details.put("sql_host", c.config().sql().host());
        details.put("company_database", c.config().databases().company());
        details.put("cron", c.config().cron());
        details.put("time_zone", c.config().timeZone());
        details.put("enabled", c.enabled());
        details.put("write_only_fields_changed", given.names());
        audit.record(
                AuditEntry.of(c.tenant(), by, action)
                        .withTarget("sync_company", c.publicId())
                        .withDetails(details));
    }

    private static Conflict nameTaken() {
        return new Conflict("name_taken", "Another company of this tenant has this name.");
    }
}
