package dev.gatehouse.erpsync.step;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL statements and HTTP exchanges one step has open. {@link #cancel()} (called by the step's
 * runner when it times out, from another thread) cancels every open statement ({@link
 * Statement#cancel()}, which SQL Server and H2 honour mid-query), aborts every open exchange
 * ({@link CompletableFuture#cancel}, which the JDK's HTTP client turns into an aborted request),
 * and refuses whatever the step tries to open afterwards. Thread-safe.
 *
 * <p>A statement waiting for a row lock is not always stopped by {@link Statement#cancel()} (H2
 * waits out its lock timeout); the step's runner therefore also interrupts the step's thread, which
 * ends such a wait.
 *
 * <p>{@link #NONE} is for work outside a step (an API call, a test): it tracks nothing and is never
 * cancelled.
 */
public final class StepCancellation {

    /** No step: nothing is tracked, nothing is ever cancelled. */
    public static final StepCancellation NONE = new StepCancellation(false);

    private static final Logger log = LoggerFactory.getLogger(StepCancellation.class);

    private final boolean tracking;
    private final Set<Statement> statements = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<?>> exchanges = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    private StepCancellation(boolean tracking) {
        this.tracking = tracking;
    }

    /** A fresh scope for one step. */
    public static StepCancellation forStep() {
        return new StepCancellation(true);
    }

    /** Thrown into a step's own thread when it tries to go on after its cancellation. */
    public static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Cancelled() {
            super("the step was cancelled at its timeout", null, false, false);
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    /**
     * Registers {@code statement} until {@link #closed(Statement)}; throws if already cancelled.
     */
    public void opened(Statement statement) {
        if (!tracking) {
            return;
        }
        statements.add(statement);
        if (cancelled) {
            statements.remove(statement);
            throw new Cancelled();
        }
    }

    public void closed(Statement statement) {
        statements.remove(statement);
    }

    /** Registers {@code exchange} until it completes; throws if already cancelled. */
    public <T> CompletableFuture<T> track(CompletableFuture<T> exchange) {
        if (!tracking) {
            return exchange;
        }
        exchanges.add(exchange);
        exchange.whenComplete((r, e) -> exchanges.remove(exchange));
        if (cancelled) {
            exchange.cancel(true);
            throw new Cancelled();
        }
        return exchange;
    }

    /** Throws {@link Cancelled} when the step has been cancelled; call between units of work. */
    public void check() {
        if (cancelled) {
            throw new Cancelled();
        }
    }

    /** Cancels everything open now and everything opened later. */
    public void cancel() {
        if (!tracking) {
            return;
        }
        cancelled = true;
        for (Statement s : statements) {
            try {
                s.cancel();
            } catch (SQLException e) {
                log.warn("Could not cancel a SQL statement of a timed-out step: {}", e.toString());
            }
        }
        exchanges.forEach(x -> x.cancel(true));
    }

    /** How many statements and exchanges are open now. */
    public int open() {
        return statements.size() + exchanges.size();
    }
}
