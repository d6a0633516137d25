package dev.gatehouse.kernel.audit;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.kernel.web.RequestInfo;

import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Records audit events. Append-only: nothing here updates or deletes.
 *
 * <ul>
 *   <li>{@link #record} is durable: the row is inserted before it returns. When the calling thread
 *       already runs in a {@link Transactions} transaction, the row joins it (and commits or rolls
 *       back with the change it describes; row-level security then requires the entry's tenant to
 *       be the bound tenant, or the transaction to be in the system scope). Otherwise it commits in
 *       its own transaction, bound to the entry's tenant (or the system scope for a platform
 *       event). Use it for security decisions: keys, credentials, tokens, policy changes and every
 *       deny — and record a deny outside any transaction that is about to roll back.
 *   <li>{@link #recordAsync} hands the row to the batching writer: it is written within about the
 *       flush interval, blocks while the queue is full and is never dropped. Use it for high-volume
 *       allow events that may be lost in a crash.
 *   <li>{@link #recordGrouped} and {@link #recordDurably} are group commit: the row goes to the
 *       batching writer, which writes at once whatever is waiting (without waiting out the flush
 *       interval), and the caller learns that the row is committed only after the batch holding it
 *       is. Many concurrent callers share one transaction; none pays a round trip of its own, and a
 *       crash loses no event whose caller was told it was recorded. Use it for high-volume events
 *       whose loss is not acceptable (a relayed request whose answer waits for its audit event).
 *       Called inside a bound {@link Transactions} transaction, they behave as {@link #record} (the
 *       row joins that transaction), since waiting for another one there would hold it open.
 * </ul>
 *
 * <p>Both fill {@code ref}, {@code ip} and {@code user_agent} from {@link RequestInfo#current()}
 * when the entry leaves them null, and the client's {@code correlation_id} when the entry takes its
 * ref from the request; redact before storage; and return the new {@code evt_} id. The hash chain
 * is appended later by the {@link AuditSealer}. Thread-safe.
 */
public final class AuditLog {

    private static final SystemScope PLATFORM = new SystemScope("audit: record platform event");

    private final Transactions transactions;
    private final AuditEventStore store;
    private final BatchingAuditWriter writer;
    private final DetailsRedactor redactor;
    private final EventIds ids;
    private final Clock clock;

    AuditLog(
            Transactions transactions,
            AuditEventStore store,
            BatchingAuditWriter writer,
            DetailsRedactor redactor,
            EventIds ids,
            Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.writer = writer;
        this.redactor = redactor;
        this.ids = ids;
        this.clock = clock;
    }

    /** Inserts the event before returning (see the class notes on transactions). */
    public String record(AuditEntry entry) {
        EventRow row = prepare(entry);
        insertNow(row, entry);
        return row.publicId();
    }

    /** Queues the event for the batching writer; blocks while the queue is full, never drops. */
    public String recordAsync(AuditEntry entry) {
        EventRow row = prepare(entry);
        if (!writer.submit(row)) {
            insertNow(row, entry);
        }
        return row.publicId();
    }

    /**
     * Group commit: queues the event and returns a future completed with its {@code evt_} id once
     * the batch holding it is committed (see the class notes). Blocks while the queue is full. The
     * future fails only when the writer shuts down with the event unwritten.
     */
    public CompletableFuture<String> recordGrouped(AuditEntry entry) {
        EventRow row = prepare(entry);
        if (!Transactions.isBound()) {
            CompletableFuture<String> committed = writer.submitCommitted(row);
            if (committed != null) {
                return committed;
            }
        }
        insertNow(row, entry);
        return CompletableFuture.completedFuture(row.publicId());
    }

    /**
     * Group commit, waiting: returns the {@code evt_} id only after the batch holding the event is
     * committed.
     *
     * @throws IllegalStateException when interrupted, or when the writer shut down with the event
     *     unwritten
     */
    public String recordDurably(AuditEntry entry) {
        CompletableFuture<String> committed = recordGrouped(entry);
        try {
            return committed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an audit commit", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the audit event was not committed", e.getCause());
        }
    }

    private void insertNow(EventRow row, AuditEntry entry) {
        if (Transactions.isBound()) {
            store.insert(List.of(row));
        } else if (entry.tenant() != null) {
            transactions.inTenant(
                    entry.tenant(),
                    () -> {
                        store.insert(List.of(row));
                        return null;
                    });
        } else {
            transactions.inSystem(
                    PLATFORM,
                    () -> {
                        store.insert(List.of(row));
                        return null;
                    });
        }
    }

    /** The row to store for {@code entry}: id, time, request data, redaction. */
    EventRow prepare(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        Optional<RequestInfo> request = RequestInfo.current();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        @Nullable Target target = entry.target();
        return new EventRow(
                ids.next(),
                entry.tenant() == null ? null : entry.tenant().value(),
                now,
                cut(
                        redactor.text(
                                entry.ref() != null
                                        ? entry.ref()
                                        : request.map(RequestInfo::ref).orElse(null),
                                64),
                        64),
                entry.actor().type().wireName(),
                entry.actor().id(),
                redactor.text(entry.actor().label(), 200),
                entry.action(),
                target == null ? null : target.type(),
                target == null ? null : redactor.text(target.id(), 200),
                entry.decision() == null ? null : entry.decision().wireName(),
                redactor.text(entry.reason(), 500),
                cut(
                        entry.ip() != null
                                ? entry.ip()
                                : request.map(RequestInfo::clientIp).orElse(null),
                        64),
                redactor.text(
                        entry.userAgent() != null
                                ? entry.userAgent()
                                : request.map(RequestInfo::userAgent).orElse(null),
                        512),
                redactor.details(entry.details()),
                entry.ref() != null
                        ? null
                        : cut(
                                redactor.text(
                                        request.map(RequestInfo::correlationId).orElse(null), 64),
                                64));
    }

    private static @Nullable String cut(@Nullable String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
