package dev.gatehouse.kernel.audit;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import java.util.List;
import java.util.function.Consumer;

/** The {@link AuditReader} over PostgreSQL: each page runs in a transaction bound to the tenant. */
final class AuditEvents implements AuditReader {

    static final int EXPORT_PAGE = 500;

    private final Transactions transactions;
    private final AuditEventStore store;
    private final AuditVerifier verifier;

    AuditEvents(Transactions transactions, AuditEventStore store, AuditVerifier verifier) {
        this.transactions = transactions;
        this.store = store;
        this.verifier = verifier;
    }

    @Override
    public AuditPage query(TenantId tenant, AuditQuery query) {
        List<AuditEventStore.Found> found =
                transactions.inTenant(tenant, () -> store.find(tenant, query, query.limit() + 1));
        boolean more = found.size() > query.limit();
        List<AuditEventStore.Found> page = more ? found.subList(0, query.limit()) : found;
        AuditCursor next = more ? new AuditCursor(page.getLast().event().id()) : null;
        return new AuditPage(page.stream().map(AuditEventStore.Found::event).toList(), next);
    }

    @Override
    public java.util.Optional<AuditEvent> find(TenantId tenant, String publicId) {
        return transactions.inTenant(tenant, () -> store.findOne(tenant, publicId));
    }

    @Override
    public long export(TenantId tenant, AuditQuery query, long maxRows, Consumer<AuditEvent> sink) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive, was " + maxRows);
        }
        long sent = 0;
        AuditQuery pageQuery = query;
        while (sent < maxRows) {
            int fetch = (int) Math.min(EXPORT_PAGE, maxRows - sent);
            AuditQuery current = pageQuery;
            List<AuditEventStore.Found> found =
                    transactions.inTenant(tenant, () -> store.find(tenant, current, fetch));
            for (AuditEventStore.Found f : found) {
                sink.accept(f.event());
            }
            sent += found.size();
            if (found.size() < fetch) {
                break;
            }
            pageQuery = pageQuery.withCursor(new AuditCursor(found.getLast().event().id()));
        }
        return sent;
    }

    @Override
    public Verification verify(TenantId tenant) {
        return verifier.verify(tenant);
    }
}
