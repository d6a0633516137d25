package dev.gatehouse.kernel.audit;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Walks a hash chain in seq order, a page at a time (each page its own short transaction), and
 * recomputes every hash from the event row as it is stored now.
 *
 * <p>A link is broken when its seq is not the next one (a link was removed), its {@code prev_hash}
 * is not the previous link's hash, its event row is missing (or moved to another tenant), or the
 * hash recomputed from the row differs. The chain starts at genesis, or after the latest anchor of
 * a pruned chain. Events not yet sealed are not checked. Thread-safe.
 */
public final class AuditVerifier {

    static final int PAGE = 1_000;
    private static final SystemScope SCOPE = new SystemScope("audit: verify platform chain");

    private final Transactions transactions;
    private final AuditChainStore chain;
    private final ChainHash hashes;

    AuditVerifier(Transactions transactions, AuditChainStore chain, ChainHash hashes) {
        this.transactions = transactions;
        this.chain = chain;
        this.hashes = hashes;
    }

    /** Verifies {@code tenant}'s chain. */
    public Verification verify(TenantId tenant) {
        long key = tenant.value();
        return walk(
                () ->
                        transactions.inTenant(
                                tenant,
                                () -> chain.anchor(key).orElse(AuditChainStore.Head.GENESIS)),
                from -> transactions.inTenant(tenant, () -> chain.links(key, from, PAGE)));
    }

    /** Verifies the platform chain (events without a tenant). */
    public Verification verifyPlatform() {
        return walk(
                () ->
                        transactions.inSystem(
                                SCOPE, () -> chain.anchor(0).orElse(AuditChainStore.Head.GENESIS)),
                from -> transactions.inSystem(SCOPE, () -> chain.links(0, from, PAGE)));
    }

    private Verification walk(
            Supplier<AuditChainStore.Head> start,
            Function<Long, List<AuditChainStore.StoredLink>> page) {
        AuditChainStore.Head anchor = start.get();
        long expectedSeq = anchor.seq() + 1;
        byte[] prev = anchor.hash();
        long checked = 0;
        while (true) {
            List<AuditChainStore.StoredLink> links = page.apply(expectedSeq);
            for (AuditChainStore.StoredLink link : links) {
                checked++;
                if (!intact(link, expectedSeq, prev)) {
                    return Verification.broken(checked, link.publicId());
                }
                prev = link.hash();
                expectedSeq++;
            }
            if (links.size() < PAGE) {
                return Verification.passed(checked);
            }
        }
    }

    private boolean intact(AuditChainStore.StoredLink link, long expectedSeq, byte[] prev) {
        EventRow event = link.event();
        return link.seq() == expectedSeq
                && Arrays.equals(link.prevHash(), prev)
                && event != null
                && event.publicId().equals(link.publicId())
                && Arrays.equals(hashes.link(prev, event), link.hash());
    }
}
