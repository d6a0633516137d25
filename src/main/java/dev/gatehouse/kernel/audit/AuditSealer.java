package dev.gatehouse.kernel.audit;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Transactions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends recorded events to their hash chains, in the background, so recording takes no lock.
 *
 * <p>Design: each run is one system-scope transaction that first takes a PostgreSQL advisory lock
 * ({@code pg_try_advisory_xact_lock}); when another node holds it, the run does nothing. It reads
 * events without a link in id order, and for each appends {@code seq = head.seq + 1}, {@code hash =
 * SHA-256(head.hash || canonical bytes)} to the chain of the event's tenant (the platform chain for
 * no tenant). An event whose transaction commits late simply joins the chain later, after events
 * with higher ids: chain order is seq, not id.
 *
 * <p>To keep a run cheap on a large table, scheduled runs look only at ids above the highest sealed
 * id minus {@value #LOOKBACK} (late commits land there); every {@value #FULL_SWEEP_EVERY}th run,
 * and {@link #sealNow()}, look at the whole table.
 *
 * <p>Thread-safe.
 */
public final class AuditSealer {

    static final long LOCK_KEY = 0x6761_7465_6175_6431L;
    static final long LOOKBACK = 100_000;
    static final int FULL_SWEEP_EVERY = 300;

    private static final SystemScope SCOPE = new SystemScope("audit sealer");

    private final Transactions transactions;
    private final AuditChainStore chain;
    private final ChainHash hashes;
    private final Clock clock;
    private final int batch;
    private final AtomicLong runs = new AtomicLong();

    AuditSealer(
            Transactions transactions,
            AuditChainStore chain,
            ChainHash hashes,
            Clock clock,
            int batch) {
        this.transactions = transactions;
        this.chain = chain;
        this.hashes = hashes;
        this.clock = clock;
        this.batch = batch;
    }

    /**
     * Seals every event recorded so far, looking at the whole table; for tests, the CLI and
     * shutdown.
     *
     * @return events sealed, or -1 when another node held the lock
     */
    public long sealNow() {
        long total = 0;
        while (true) {
            int sealed = sealOnce(true);
            if (sealed < 0) {
                return total == 0 ? -1 : total;
            }
            total += sealed;
            if (sealed < batch) {
                return total;
            }
        }
    }

    /** One scheduled run. */
    int sealScheduled() {
        return sealOnce(runs.getAndIncrement() % FULL_SWEEP_EVERY == 0);
    }

    private int sealOnce(boolean fullSweep) {
        return transactions.inSystem(
                SCOPE,
                () -> {
                    if (!chain.tryLock(LOCK_KEY)) {
                        return -1;
                    }
                    long floor = fullSweep ? 0 : Math.max(0, chain.maxSealedEventId() - LOOKBACK);
                    List<AuditChainStore.Unsealed> events = chain.unsealed(floor, batch);
                    Map<Long, AuditChainStore.Head> heads = new HashMap<>();
                    List<AuditChainStore.Link> links = new ArrayList<>(events.size());
                    for (AuditChainStore.Unsealed event : events) {
                        Long tenant = event.row().tenantId();
                        long key = tenant == null ? 0 : tenant;
                        AuditChainStore.Head head = heads.computeIfAbsent(key, chain::head);
                        byte[] hash = hashes.link(head.hash(), event.row());
                        links.add(
                                new AuditChainStore.Link(
                                        event.id(),
                                        event.row().publicId(),
                                        tenant,
                                        head.seq() + 1,
                                        head.hash(),
                                        hash));
                        heads.put(key, new AuditChainStore.Head(head.seq() + 1, hash));
                    }
                    chain.append(links, clock.instant());
                    return events.size();
                });
    }
}
