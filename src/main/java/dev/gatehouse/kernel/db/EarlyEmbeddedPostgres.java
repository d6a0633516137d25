package dev.gatehouse.kernel.db;

import dev.gatehouse.kernel.config.Settings;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as logging is set up, so the
 * server's start (about 0.4 s, mostly waiting for the postmaster) overlaps Spring's reading of the
 * configuration instead of following it; the {@code embeddedPostgres} bean claims the result.
 *
 * <p>A start that fails before the bean claims the server must call {@link #closeUnclaimed()}, so
 * no postmaster is left running. Without this listener (or with an external database) the bean
 * starts the server itself, as before. Failures are the same either way: the bean rethrows what
 * {@code startOrAttach} threw.
 */
public final class EarlyEmbeddedPostgres
        implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    private final Settings settings;
    private final SecureRandom random;
    private @Nullable CompletableFuture<EmbeddedPostgres> starting;
    private boolean claimed;

    public EarlyEmbeddedPostgres(Settings settings, SecureRandom random) {
        this.settings = settings;
        this.random = random;
    }

    /** Right after logging is configured: the server's own log lines go where all others go. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (starting != null || !settings.database().embedded()) {
            return;
        }
        starting =
                CompletableFuture.supplyAsync(
                        () -> EmbeddedPostgres.startOrAttach(settings.dataDir(), random),
                        task -> Thread.ofPlatform().name("embedded-postgres-start").start(task));
    }

    /** The server started early, once; null when none was started (the caller starts it). */
    synchronized @Nullable EmbeddedPostgres claim() {
        if (starting == null || claimed) {
            return null;
        }
        claimed = true;
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Stops a server started here that no bean took over (the start failed before it). */
    public synchronized void closeUnclaimed() {
        if (starting == null || claimed) {
            return;
        }
        claimed = true;
        starting.handle(
                        (postgres, failure) -> {
                            if (postgres != null) {
                                postgres.close();
                            }
                            return null;
                        })
                .join();
    }
}
