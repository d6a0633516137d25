package dev.gatehouse.erpsync;

import dev.gatehouse.kernel.config.SettingsReader;
import dev.gatehouse.kernel.config.SettingsSection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sync engine's settings, with SageConnect's names where it had them, read with the kernel's
 * before the service starts. The four timeouts keep SageConnect's floors and must keep their order,
 * {@code PORTAL_HTTP_TIMEOUT_MS < STEP_TIMEOUT_MS < CHILD_PROCESS_TIMEOUT_MS < LOCK_TIMEOUT_MS}: a
 * step must be able to wait out one portal call, and a lock must outlive the importer it covers.
 * Unlike SageConnect, an explicit {@code 0} is an error, not the default.
 *
 * @param portalHttpTimeout {@code PORTAL_HTTP_TIMEOUT_MS}, one portal call, ≥ 1 s, 30 s
 * @param stepTimeout {@code STEP_TIMEOUT_MS}, one step of one company, ≥ 30 s, 5 min
 * @param childProcessTimeout {@code CHILD_PROCESS_TIMEOUT_MS}, the importer, ≥ 60 s, 10 min
 * @param lockTimeout {@code LOCK_TIMEOUT_MS}, a company's cycle lock, ≥ 60 s, 14 min
 * @param sqlQueryTimeout {@code SQL_QUERY_TIMEOUT_MS}, one SQL statement, 1 s to the step timeout,
 *     60 s
 * @param retryLookbackDays {@code RETRY_LOOKBACK_DAYS}, how far back unsent items are picked up,
 *     1–365, 30
 * @param retryIntervalPayment {@code RETRY_INTERVAL_PAYMENT_MIN}, the wait after a failed payment
 *     send, 10–60 minutes, 30
 * @param retryIntervalPurchaseOrder {@code RETRY_INTERVAL_PO_MIN}, the wait after a failed PO send,
 *     30–1440 minutes, 240
 * @param maxCompaniesPerTenant {@code SYNC_MAX_COMPANIES_PER_TENANT}, 1–500, 20
 * @param importerPrograms {@code SYNC_IMPORTER_PROGRAMS}, the absolute paths of the programs a
 *     company may name as its importer; empty (the default) allows none. The operator of the host
 *     decides what runs on it, not a tenant's API key.
 * @param downloadsRoot {@code SYNC_DOWNLOADS_ROOT}, the folder under which every company's
 *     downloads folder lies, {@code sync} under the data folder ({@code GATEHOUSE_DATA_DIR}) by
 *     default
 * @param schedulerPolling {@code SYNC_SCHEDULER_POLL_SECONDS}, how often each node looks for due
 *     ticks, 1–60 seconds, 10
 * @param allowPrivatePortal {@code SYNC_ALLOW_PRIVATE_PORTAL}: whether a company's portal URL, and
 *     the file URLs the portal hands out, may point at a loopback, private or link-local address;
 *     false in production by default (the Focaltec portal is public; an internal address there is a
 *     request forged towards the host's own network), true in development (the fake portal)
 * @param dryRun {@code SYNC_DRY_RUN}, false by default: every step reads and computes, but nothing
 *     is written to Sage, sent to the portal, recorded in the ledger or written as a file, and the
 *     importer does not run; each would-be write is logged with {@code [DRY-RUN]} instead. For
 *     running beside SageConnect for a day before switching over.
 * @param demo {@code SYNC_DEMO}, true by default in development: while no company exists, the first
 *     start creates a demo company on H2 and the built-in fake portal ({@link
 *     dev.gatehouse.erpsync.demo}); refused in production
 * @param portalConcurrency {@code SYNC_PORTAL_CONCURRENCY}, how many payments or purchase orders of
 *     one company a step sends to the portal at once, 1–16, 4; 1 sends one after the other, as
 *     SageConnect did
 */
public record SyncSettings(
        Duration portalHttpTimeout,
        Duration stepTimeout,
        Duration childProcessTimeout,
        Duration lockTimeout,
        Duration sqlQueryTimeout,
        int retryLookbackDays,
        Duration retryIntervalPayment,
        Duration retryIntervalPurchaseOrder,
        int maxCompaniesPerTenant,
        List<Path> importerPrograms,
        Path downloadsRoot,
        Duration schedulerPolling,
        boolean allowPrivatePortal,
        boolean dryRun,
        boolean demo,
        int portalConcurrency) {

    /** How {@link SyncModule} declares these settings to the kernel. */
    public static final SettingsSection<SyncSettings> SECTION =
            new SettingsSection<>(SyncSettings.class, SyncSettings::read);

    private static final int HOUR_MS = 3_600_000;

    public SyncSettings {
        importerPrograms = List.copyOf(importerPrograms);
    }

    static SyncSettings read(SettingsReader raw) {
        int http = raw.integer("PORTAL_HTTP_TIMEOUT_MS", 30_000, 1_000, HOUR_MS);
        int step = raw.integer("STEP_TIMEOUT_MS", 300_000, 30_000, 6 * HOUR_MS);
        int child = raw.integer("CHILD_PROCESS_TIMEOUT_MS", 600_000, 60_000, 6 * HOUR_MS);
        int lock = raw.integer("LOCK_TIMEOUT_MS", 840_000, 60_000, 12 * HOUR_MS);
        ordered(raw, "STEP_TIMEOUT_MS", step, "PORTAL_HTTP_TIMEOUT_MS", http);
        ordered(raw, "CHILD_PROCESS_TIMEOUT_MS", child, "STEP_TIMEOUT_MS", step);
        ordered(raw, "LOCK_TIMEOUT_MS", lock, "CHILD_PROCESS_TIMEOUT_MS", child);
        int sql = raw.integer("SQL_QUERY_TIMEOUT_MS", 60_000, 1_000, 6 * HOUR_MS);
        if (sql > step) {
            raw.problem(
                    "SQL_QUERY_TIMEOUT_MS",
                    "must not exceed STEP_TIMEOUT_MS (" + sql + " > " + step + ")");
        }
        return new SyncSettings(
                Duration.ofMillis(http),
                Duration.ofMillis(step),
                Duration.ofMillis(child),
                Duration.ofMillis(lock),
                Duration.ofMillis(sql),
                raw.integer("RETRY_LOOKBACK_DAYS", 30, 1, 365),
                Duration.ofMinutes(raw.integer("RETRY_INTERVAL_PAYMENT_MIN", 30, 10, 60)),
                Duration.ofMinutes(raw.integer("RETRY_INTERVAL_PO_MIN", 240, 30, 1440)),
                raw.integer("SYNC_MAX_COMPANIES_PER_TENANT", 20, 1, 500),
                programs(raw),
                downloadsRoot(raw),
                Duration.ofSeconds(raw.integer("SYNC_SCHEDULER_POLL_SECONDS", 10, 1, 60)),
                raw.bool("SYNC_ALLOW_PRIVATE_PORTAL", !raw.production()),
                raw.bool("SYNC_DRY_RUN", false),
                demo(raw),
                raw.integer("SYNC_PORTAL_CONCURRENCY", 4, 1, 16));
    }

    /** {@code SYNC_DOWNLOADS_ROOT}, or {@code sync} under the data folder when not set. */
    private static Path downloadsRoot(SettingsReader raw) {
        String set = raw.string("SYNC_DOWNLOADS_ROOT", "");
        Path root =
                set.isBlank()
                        ? Path.of(raw.string("GATEHOUSE_DATA_DIR", "data")).resolve("sync")
                        : Path.of(set);
        return root.toAbsolutePath().normalize();
    }

    private static boolean demo(SettingsReader raw) {
        boolean demo = raw.bool("SYNC_DEMO", !raw.production());
        if (demo && raw.production()) {
            raw.problem(
                    "SYNC_DEMO",
                    "must be false in production: the demo company and its fake portal exist only"
                            + " in development");
            return false;
        }
        return demo;
    }

    private static void ordered(
            SettingsReader raw, String larger, int value, String smaller, int smallerValue) {
        if (value <= smallerValue) {
            raw.problem(
                    larger,
                    "must be greater than "
                            + smaller
                            + " ("
                            + value
                            + " ≤ "
                            + smallerValue
                            + "); the order is PORTAL_HTTP_TIMEOUT_MS < STEP_TIMEOUT_MS <"
                            + " CHILD_PROCESS_TIMEOUT_MS < LOCK_TIMEOUT_MS");
        }
    }

    private static List<Path> programs(SettingsReader raw) {
        List<Path> programs = new ArrayList<>();
        for (String entry : raw.list("SYNC_IMPORTER_PROGRAMS")) {
            Path p = Path.of(entry);
            if (!p.isAbsolute()) {
                raw.problem(
                        "SYNC_IMPORTER_PROGRAMS",
                        "must list absolute paths of programs, was " + entry);
            } else {
                programs.add(p.normalize());
            }
        }
        return programs;
    }
}
