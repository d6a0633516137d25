package dev.gatehouse.domains.dns;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.Connection;
import dev.gatehouse.domains.ConnectionChecks;
import dev.gatehouse.domains.ConnectionLifecycle;
import dev.gatehouse.domains.DomainsModule;
import dev.gatehouse.domains.QuotaUnavailable;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.kernel.vault.Opened;
import dev.gatehouse.kernel.vault.SecretPlace;
import dev.gatehouse.kernel.vault.Vault;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The use cases of delegated DNS: store a tenant's provider credential (secret sealed at once,
 * bound to tenant and row), list and delete them, and write a connection's records through one,
 * then verify. A secret is opened only for the one provider call that needs it and zeroed after; it
 * is never returned, logged or audited.
 */
@Component
public class DelegatedDns {

    static final String ID_PREFIX = "dnsc";
    private static final Logger log = LoggerFactory.getLogger(DelegatedDns.class);

    private final DnsCredentials credentials;
    private final DnsProviders providers;
    private final ConnectionLifecycle lifecycle;
    private final ConnectionChecks checks;
    private final Vault vault;
    private final AuditLog audit;
    private final Transactions tx;
    private final PublicIds ids;
    private final Clock clock;

    DelegatedDns(
            DnsCredentials credentials,
            DnsProviders providers,
            ConnectionLifecycle lifecycle,
            ConnectionChecks checks,
            Vault vault,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            Clock clock) {
        this.credentials = credentials;
        this.providers = providers;
        this.lifecycle = lifecycle;
        this.checks = checks;
        this.vault = vault;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    /** The outcome of {@link #create}. */
    public sealed interface Saved permits Stored, KeyMissing {}

    public record Stored(DnsCredential credential) implements Saved {}

    /** {@code CREDENTIAL_ENC_KEY} is not configured: nothing can be sealed, nothing was stored. */
    public record KeyMissing() implements Saved {}

    /** The outcome of {@link #apply}. */
    public sealed interface Applied
            permits Verified,
                    NoSuchCredential,
                    SecretUnavailable,
                    ProviderFailed,
                    WrittenButQuotaUnavailable {}

    /**
     * The records were written; {@code connection} is as it stands after the verify that followed.
     */
    public record Verified(Connection connection) implements Applied {}

    public record NoSuchCredential() implements Applied {}

    /** The secret cannot be opened: its key is not configured (any more). */
    public record SecretUnavailable() implements Applied {}

    public record ProviderFailed() implements Applied {}

    /**
     * The records were written, but the verify that followed could not evaluate the connection
     * limit (needed to revive a failed connection), so the connection was not changed.
     */
    public record WrittenButQuotaUnavailable() implements Applied {}

    /**
     * The outcome of {@link #submit}: refused with a message per field, or {@link #create}'s
     * outcome.
     */
    public sealed interface Submission permits Rejected, Accepted {}

    public record Rejected(List<dev.gatehouse.kernel.web.ApiProblem.FieldMessage> errors)
            implements Submission {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }

    public record Accepted(Saved saved) implements Submission {}

    /**
     * Validates and stores a credential from raw fields (as a form or API body gives them), with
     * the same rules as {@code POST /v1/dns-credentials}.
     *
     * @param production whether production rules apply (default Cloudflare base URL, public rfc2136
     *     server)
     */
    public Submission submit(
            TenantId tenant,
            @Nullable String name,
            @Nullable String provider,
            @Nullable Map<String, ?> config,
            boolean production,
            Actor by) {
        return switch (CredentialRequests.check(name, provider, config, production)) {
            case CredentialRequests.Invalid(var errors) -> new Rejected(errors);
            case CredentialRequests.Valid valid -> new Accepted(create(tenant, valid, by));
        };
    }

    Saved create(TenantId tenant, CredentialRequests.Valid request, Actor by) {
        try {
            if (!vault.canSeal(DomainsModule.DNS_CREDENTIALS)) {
                return new KeyMissing();
            }
            String publicId = ids.next(ID_PREFIX);
            String sealed = vault.seal(place(tenant, publicId), request.secret()).text();
            return tx.inTenant(
                    tenant,
                    () -> {
                        DnsCredential c =
                                credentials.insert(
                                        tenant,
                                        publicId,
                                        request.name(),
                                        request.config(),
                                        sealed,
                                        clock.instant());
                        audit.record(
                                AuditEntry.of(tenant, by, "dns_credential.created")
                                        .withTarget("dns_credential", publicId)
                                        .withDetails(
                                                Map.of(
                                                        "name",
                                                        c.name(),
                                                        "provider",
                                                        c.provider())));
                        return new Stored(c);
                    });
        } finally {
            Arrays.fill(request.secret(), (byte) 0);
        }
    }

    public Optional<DnsCredential> find(TenantId tenant, String publicId) {
        return PublicIds.looksLike(ID_PREFIX, publicId)
                ? credentials.find(tenant, publicId)
                : Optional.empty();
    }

    public List<DnsCredential> list(TenantId tenant, long afterId, int limit) {
        return credentials.list(tenant, afterId, limit);
    }

    /** Deletes the credential; false when the tenant has none with this id. */
    public boolean delete(TenantId tenant, String publicId, Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    Optional<DnsCredential> c = find(tenant, publicId);
                    if (c.isEmpty() || !credentials.delete(tenant, c.get().id())) {
                        return false;
                    }
                    audit.record(
                            AuditEntry.of(tenant, by, "dns_credential.deleted")
                                    .withTarget("dns_credential", publicId)
                                    .withDetails(
                                            Map.of(
                                                    "name",
                                                    c.get().name(),
                                                    "provider",
                                                    c.get().provider())));
                    return true;
                });
    }

    /**
     * Writes the records {@code c} needs through the credential's provider, then verifies {@code c}
     * as a manual verify would. No transaction is held during the provider call.
     */
    public Applied apply(
            TenantId tenant, Application app, Connection c, String credentialId, Actor by) {
        Optional<DnsCredential> found = find(tenant, credentialId);
        Optional<String> sealed = found.flatMap(f -> credentials.sealedSecret(tenant, f.id()));
        if (found.isEmpty() || sealed.isEmpty()) {
            return new NoSuchCredential();
        }
        DnsCredential credential = found.get();
        DnsProvider.Result result;
        switch (vault.open(place(tenant, credential.publicId()), sealed.get())) {
            case Opened.Revealed(var secret) -> {
                try (secret) {
                    byte[] bytes = secret.bytes();
                    try {
                        result =
                                providers
                                        .forCredential(credential.config(), bytes)
                                        .apply(lifecycle.records(app, c));
                    } finally {
                        Arrays.fill(bytes, (byte) 0);
                    }
                }
            }
            case Opened.Failed(var reason) -> {
                log.warn("DNS credential {} cannot be opened: {}", credential.publicId(), reason);
                return new SecretUnavailable();
            }
        }
        if (result instanceof DnsProvider.Failed(String reason)) {
            log.warn(
                    "DNS provider {} of credential {} failed for connection {}: {}",
                    credential.provider(),
                    credential.publicId(),
                    c.publicId(),
                    reason);
            return new ProviderFailed();
        }
        audit.record(
                AuditEntry.of(tenant, by, "connection.records_applied")
                        .withTarget("connection", c.publicId())
                        .withDetails(
                                Map.of(
                                        "dns_credential",
                                        credential.publicId(),
                                        "provider",
                                        credential.provider())));
        return switch (checks.verify(tenant, app, c, true)) {
            case ConnectionChecks.Checked(Connection after) -> new Verified(after);
            case QuotaUnavailable q -> new WrittenButQuotaUnavailable();
        };
    }

    private static SecretPlace place(TenantId tenant, String publicId) {
        return new SecretPlace(
                DomainsModule.DNS_CREDENTIALS,
                tenant,
                DnsCredentials.TABLE,
                DnsCredentials.SECRET_COLUMN,
                publicId);
    }
}
