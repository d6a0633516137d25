package dev.gatehouse.gateway.upstream;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.kernel.web.ApiProblem.FieldMessage;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The use cases of the upstream configuration: read it, save it (secrets sealed at once, kept when
 * a save of the same auth type omits them), and test it. Saves and tests are audited with the names
 * of the secrets that changed, never their values. Thread-safe.
 */
public final class UpstreamAdministration {

    static final String ID_PREFIX = "ups";

    private final Upstreams upstreams;
    private final UpstreamRequests requests;
    private final UpstreamVault vault;
    private final UpstreamDirectory directory;
    private final UpstreamProbe probe;
    private final AuditLog audit;
    private final Transactions tx;
    private final PublicIds ids;
    private final Clock clock;

    UpstreamAdministration(
            Upstreams upstreams,
            UpstreamRequests requests,
            UpstreamVault vault,
            UpstreamDirectory directory,
            UpstreamProbe probe,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            Clock clock) {
        this.upstreams = upstreams;
        this.requests = requests;
        this.vault = vault;
        this.directory = directory;
        this.probe = probe;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    /** The outcome of {@link #save}. */
    public sealed interface Saved permits Stored, Rejected {}

    public record Stored(Upstream upstream, boolean created) implements Saved {}

    public record Rejected(List<FieldMessage> errors) implements Saved {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }

    public Optional<Upstream> find(TenantId tenant) {
        return upstreams.find(tenant);
    }

    /**
     * Validates and stores {@code body} as the tenant's upstream (the rules of {@code PUT
     * /v1/gateway/upstream}); every node drops its copy before this returns.
     */
    public Saved save(TenantId tenant, UpstreamRequests.UpstreamBody body, Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    upstreams.lock(tenant);
                    Optional<Upstream> existing = upstreams.find(tenant);
                    return switch (requests.check(
                            body,
                            existing.map(u -> u.auth().type()).orElse(null),
                            existing.map(Upstream::secretsSet).orElse(List.of()))) {
                        case UpstreamRequests.Invalid(var errors) -> new Rejected(errors);
                        case UpstreamRequests.Valid valid -> store(tenant, existing, valid, by);
                    };
                });
    }

    private Saved store(
            TenantId tenant, Optional<Upstream> existing, UpstreamRequests.Valid v, Actor by) {
        UpstreamSecrets secrets = v.given();
        if (existing.isPresent() && existing.get().auth().type().equals(v.auth().type())) {
            Optional<UpstreamSecrets> stored = vault.openSecrets(existing.get());
            if (stored.isEmpty() && !covers(v.auth(), v.given())) {
                return new Rejected(
                        List.of(
                                new FieldMessage(
                                        "auth",
                                        "the stored secrets can no longer be opened; give them"
                                                + " again")));
            }
            secrets = v.given().orElse(stored.orElse(UpstreamSecrets.empty()));
        }
        secrets = relevant(v.auth(), secrets, v.removeApiKey());
        String publicId = existing.map(Upstream::publicId).orElseGet(() -> ids.next(ID_PREFIX));
        Upstreams.Fields fields =
                new Upstreams.Fields(
                        v.baseUrl(),
                        v.auth(),
                        secrets.names(),
                        secrets.isEmpty() ? null : vault.sealSecrets(tenant, publicId, secrets),
                        v.timeoutMs(),
                        v.maxRequestBytes(),
                        v.maxResponseBytes());
        Upstream saved =
                existing.isPresent()
                        ? upstreams.update(tenant, fields, clock.instant())
                        : upstreams.insert(tenant, publicId, fields, clock.instant());
        directory.changed(tenant);
        audit.record(
                AuditEntry.of(
                                tenant,
                                by,
                                existing.isPresent()
                                        ? "gateway_upstream.updated"
                                        : "gateway_upstream.created")
                        .withTarget("gateway_upstream", publicId)
                        .withDetails(details(saved, v)));
        return new Stored(saved, existing.isEmpty());
    }

    /** Tests the tenant's upstream; empty when it has none. */
    public Optional<UpstreamProbe.Result> test(TenantId tenant, Actor by) {
        Optional<Upstream> u = upstreams.find(tenant);
        if (u.isEmpty()) {
            return Optional.empty();
        }
        UpstreamProbe.Result r = probe.test(u.get());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reachable", r.reachable());
        details.put("status", r.status());
        details.put("latency_ms", r.latency().toMillis());
        details.put("login", r.login());
        details.put("reason", r.reason());
        audit.record(
                AuditEntry.of(tenant, by, "gateway_upstream.tested")
                        .withTarget("gateway_upstream", u.get().publicId())
                        .withDetails(details));
        return Optional.of(r);
    }

    private static boolean covers(UpstreamAuth auth, UpstreamSecrets given) {
        return given.names().containsAll(auth.requiredSecrets());
    }

    /** Only the secrets the auth type uses are kept. */
    private static UpstreamSecrets relevant(
            UpstreamAuth auth, UpstreamSecrets s, boolean removeApiKey) {
        return switch (auth) {
            case UpstreamAuth.None n -> UpstreamSecrets.empty();
            case UpstreamAuth.Basic b -> new UpstreamSecrets(s.password(), null, null);
            case UpstreamAuth.Header h -> new UpstreamSecrets(null, s.value(), null);
            case UpstreamAuth.Session session ->
                    new UpstreamSecrets(s.password(), null, removeApiKey ? null : s.apiKey());
        };
    }

    private static Map<String, Object> details(Upstream saved, UpstreamRequests.Valid v) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("base_url", saved.baseUrl());
        d.put("auth_type", saved.auth().type());
        d.put("timeout_ms", saved.timeoutMs());
        d.put("max_request_bytes", saved.maxRequestBytes());
        d.put("max_response_bytes", saved.maxResponseBytes());
        d.put("secrets_changed", v.given().names());
        return d;
    }
}
