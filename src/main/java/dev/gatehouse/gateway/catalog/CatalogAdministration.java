package dev.gatehouse.gateway.catalog;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adding, deleting and importing catalog endpoints, audited. Each change holds the tenant's catalog
 * lock for its transaction (so the {@value #MAX_ENDPOINTS}-entry limit and the same-shape check
 * hold under concurrency) and invalidates {@link Catalog} on every node before it returns.
 *
 * <p>Duplicates: an endpoint whose method and path shape ({@link PathTemplates#shape}) are already
 * in the catalog is not added a second time; by hand that is {@link Exists} (409), in an import it
 * is skipped as {@code already_present}.
 */
@Component
public class CatalogAdministration {

    /** The most endpoints one tenant's catalog holds. */
    public static final int MAX_ENDPOINTS = 10_000;

    private final Endpoints endpoints;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Transactions tx;
    private final PublicIds ids;
    private final Clock clock;

    CatalogAdministration(
            Endpoints endpoints,
            Catalog catalog,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            Clock clock) {
        this.endpoints = endpoints;
        this.catalog = catalog;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    /** The outcome of adding one endpoint. */
    public sealed interface Addition permits Added, Exists, Full {}

    public record Added(CatalogEndpoint endpoint) implements Addition {}

    /** The catalog already holds this method and path shape. */
    public record Exists(CatalogEndpoint existing) implements Addition {}

    /** The catalog is at {@link #MAX_ENDPOINTS}; nothing was added. */
    public record Full(int limit) implements Addition {}

    /**
     * Adds an endpoint made by hand. {@code method} and {@code pathTemplate} must already pass
     * {@link PathTemplates}.
     */
    public Addition add(
            TenantId tenant,
            String method,
            String pathTemplate,
            @Nullable String summary,
            Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    endpoints.lock(tenant);
                    List<CatalogEndpoint> all = endpoints.all(tenant);
                    String key = key(method, pathTemplate);
                    for (CatalogEndpoint e : all) {
                        if (key(e.method(), e.pathTemplate()).equals(key)) {
                            return new Exists(e);
                        }
                    }
                    if (all.size() >= MAX_ENDPOINTS) {
                        return new Full(MAX_ENDPOINTS);
                    }
                    CatalogEndpoint added =
                            endpoints.insert(
                                    tenant,
                                    new Endpoints.New(
                                            ids.next("ep"), method, pathTemplate, summary),
                                    "manual",
                                    clock.instant());
                    catalog.changed(tenant);
                    audit.record(
                            AuditEntry.of(tenant, by, "gateway.endpoint.created")
                                    .withTarget("gateway_endpoint", added.publicId())
                                    .withDetails(Map.of("method", method, "path", pathTemplate)));
                    return new Added(added);
                });
    }

    /** Deletes {@code endpoint}; relays of it fail closed on every node once this returns. */
    public void delete(TenantId tenant, CatalogEndpoint endpoint, Actor by) {
        tx.inTenant(
                tenant,
                () -> {
                    endpoints.lock(tenant);
                    if (endpoints.delete(tenant, endpoint.id())) {
                        catalog.changed(tenant);
                        audit.record(
                                AuditEntry.of(tenant, by, "gateway.endpoint.deleted")
                                        .withTarget("gateway_endpoint", endpoint.publicId())
                                        .withDetails(
                                                Map.of(
                                                        "method",
                                                        endpoint.method(),
                                                        "path",
                                                        endpoint.pathTemplate())));
                    }
                    return null;
                });
    }

    /** What an import did (or, in a dry run, would do). */
    public sealed interface Import permits Imported, Refused, TooMany {}

    /**
     * @param added the endpoints added (in a dry run: would be added, with no id yet)
     * @param skipped operations not added, each with its reason
     * @param warnings the parser's messages about the document, at most 20
     */
    public record Imported(
            boolean dryRun, List<Planned> added, List<Skipped> skipped, List<String> warnings)
            implements Import {}

    /** An endpoint an import added or would add; {@code endpoint} is null in a dry run. */
    public record Planned(
            String method,
            String pathTemplate,
            @Nullable String summary,
            @Nullable CatalogEndpoint endpoint) {}

    /** An operation not added: a reason code and a sentence. */
    public record Skipped(String method, String path, String reason, String detail) {}

    /** The document was refused as a whole; nothing was added. */
    public record Refused(String code, String detail) implements Import {}

    /** Adding every new operation would take the catalog past {@link #MAX_ENDPOINTS}. */
    public record TooMany(int limit, int present, int adding) implements Import {}

    /**
     * Adds every operation of the OpenAPI 3 document {@code text} that the catalog lacks, or with
     * {@code dryRun} only says what it would add. All or nothing: a refused document or a full
     * catalog adds nothing.
     */
    public Import importDocument(TenantId tenant, String text, boolean dryRun, Actor by) {
        OpenApiDocuments.Reading reading = OpenApiDocuments.read(text);
        return switch (reading) {
            case OpenApiDocuments.Refused r -> new Refused(r.code(), r.detail());
            case OpenApiDocuments.Read read ->
                    tx.inTenant(tenant, () -> apply(tenant, read, dryRun, by));
        };
    }

    private Import apply(TenantId tenant, OpenApiDocuments.Read read, boolean dryRun, Actor by) {
        if (!dryRun) {
            endpoints.lock(tenant);
        }
        List<CatalogEndpoint> present = endpoints.all(tenant);
        Map<String, CatalogEndpoint> byKey = new HashMap<>();
        present.forEach(e -> byKey.put(key(e.method(), e.pathTemplate()), e));
        List<Skipped> skipped = new ArrayList<>();
        read.skipped()
                .forEach(
                        s ->
                                skipped.add(
                                        new Skipped(s.method(), s.path(), s.reason(), s.detail())));
        List<OpenApiDocuments.Candidate> fresh = new ArrayList<>();
        for (OpenApiDocuments.Candidate c : read.candidates()) {
            CatalogEndpoint existing = byKey.get(key(c.method(), c.pathTemplate()));
            if (existing != null) {
                skipped.add(
                        new Skipped(
                                c.method(),
                                c.pathTemplate(),
                                "already_present",
                                "The catalog already has it as " + existing.publicId() + "."));
            } else {
                fresh.add(c);
            }
        }
        if (present.size() + fresh.size() > MAX_ENDPOINTS) {
            return new TooMany(MAX_ENDPOINTS, present.size(), fresh.size());
        }
        List<Planned> added = new ArrayList<>();
        Instant now = clock.instant();
        for (OpenApiDocuments.Candidate c : fresh) {
            CatalogEndpoint e =
                    dryRun
                            ? null
                            : endpoints.insert(
                                    tenant,
                                    new Endpoints.New(
                                            ids.next("ep"),
                                            c.method(),
                                            c.pathTemplate(),
                                            c.summary()),
                                    "import",
                                    now);
            added.add(new Planned(c.method(), c.pathTemplate(), c.summary(), e));
        }
        if (!dryRun) {
            if (!added.isEmpty()) {
                catalog.changed(tenant);
            }
            audit.record(
                    AuditEntry.of(tenant, by, "gateway.endpoints.imported")
                            .withDetails(
                                    Map.of(
                                            "added",
                                            added.size(),
                                            "skipped",
                                            skipped.size(),
                                            "endpoints",
                                            added.stream()
                                                    .limit(100)
                                                    .map(p -> p.method() + " " + p.pathTemplate())
                                                    .toList())));
        }
        return new Imported(dryRun, List.copyOf(added), List.copyOf(skipped), read.warnings());
    }

    private static String key(String method, String pathTemplate) {
        return method + " " + PathTemplates.shape(pathTemplate);
    }
}
