package dev.gatehouse.licensing;

import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.mail.Mailer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This installation's SageConnect license: checked at start-up (on a thread of its own, so the rest
 * of Gatehouse starts regardless, with retries after 1, 2 and 4 seconds) and before every sync
 * cycle ({@link #check()}); the sync runs only while {@link #syncAllowed()}.
 *
 * <p>Each change into {@code INVALID} is logged once as {@code [LICENSE] Sync blocked} with the
 * reason, and e-mailed to {@code LICENSE_ADMIN_EMAIL}, not on every check. The state lives in each
 * node's memory: every node asks the server itself, so no node trusts another's answer.
 * Thread-safe.
 */
public final class License implements SmartLifecycle {

    /** The waits between start-up attempts, as the original. */
    static final List<Duration> STARTUP_RETRIES =
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

    private static final Logger log = LoggerFactory.getLogger(License.class);

    private final LicenseClient client;
    private final Clock clock;
    private final Mailer mailer;
    private final List<String> admins;
    private final boolean configured;
    private final AtomicReference<LicenseStatus> status =
            new AtomicReference<>(LicenseStatus.unknown());
    private final Thread startup;
    private volatile boolean running;

    public License(Settings settings, Clock clock, Mailer mailer) {
        LicensingSettings licensing = settings.section(LicensingSettings.class);
        this.client = new LicenseClient(licensing, clock);
        this.clock = clock;
        this.mailer = mailer;
        this.admins = licensing.adminEmail().map(List::of).orElse(List.of());
        this.configured = licensing.configured();
        this.startup = Thread.ofVirtual().unstarted(this::startupCheck);
    }

    /** The license as last checked. */
    public LicenseStatus status() {
        return status.get();
    }

    /** Whether the sync may run now. */
    public boolean syncAllowed() {
        return status.get().syncAllowed(clock.instant());
    }

    /** Asks the license server now (before a cycle) and returns the new status. */
    public synchronized LicenseStatus check() {
        LicenseCheck outcome = client.ask();
        LicenseStatus before = status.get();
        LicenseStatus after = before.after(outcome, clock.instant());
        status.set(after);
        report(before, after);
        return after;
    }

    private void report(LicenseStatus before, LicenseStatus after) {
        if (after.state() == before.state()) {
            return;
        }
        switch (after.state()) {
            case VALID ->
                    log.info(
                            "[LICENSE] Valid{}",
                            after.expiresAt() == null ? "" : " until " + after.expiresAt());
            case INVALID -> {
                if (configured) {
                    log.error("[LICENSE] Sync blocked: {}", after.reason());
                    mailer.sendLater(
                            "license-invalid",
                            admins,
                            "[Gatehouse] SageConnect license invalid: sync blocked",
                            "The SageConnect license of this installation is INVALID since "
                                    + after.lastCheckedAt()
                                    + ": "
                                    + after.reason()
                                    + ".\n\nThe sync stays off until the license server"
                                    + " answers VALID again; the rest of Gatehouse runs.\n");
                } else {
                    log.info(
                            "[LICENSE] SageConnect is not licensed here ({}); sync stays off",
                            after.reason());
                }
            }
            case ERROR ->
                    log.warn(
                            "[LICENSE] {}: {}",
                            after.inGrace(clock.instant())
                                    ? "No answer; the last valid one holds for up to 24 h"
                                    : "Sync blocked",
                            after.reason());
            case UNKNOWN -> {}
        }
    }

    private void startupCheck() {
        try {
            if (check().state() == LicenseState.VALID || !configured) {
                return;
            }
            for (Duration wait : STARTUP_RETRIES) {
                Thread.sleep(wait);
                if (check().state() == LicenseState.VALID) {
                    return;
                }
            }
            LicenseStatus s = status.get();
            if (s.state() != LicenseState.INVALID) {
                log.error(
                        "[LICENSE] Sync blocked: the license could not be validated at start-up:"
                                + " {}",
                        s.reason());
                mailer.sendLater(
                        "license-startup",
                        admins,
                        "[Gatehouse] SageConnect license validation failed on start-up",
                        "The SageConnect license could not be validated when this node started"
                                + " (after retries at 1, 2 and 4 s): "
                                + s.reason()
                                + ".\n\nThe sync stays off until the license server answers"
                                + " VALID; the rest of Gatehouse runs.\n");
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        startup.start();
    }

    @Override
    public void stop() {
        running = false;
        startup.interrupt();
        client.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
