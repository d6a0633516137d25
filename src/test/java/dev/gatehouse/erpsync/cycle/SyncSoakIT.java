package dev.gatehouse.erpsync.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;

import dev.gatehouse.erpsync.FakeLicenseServer;
import dev.gatehouse.erpsync.SyncScenario;
import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.licensing.License;
import dev.gatehouse.licensing.LicenseState;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestClock;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

/**
 * The sync always on, accelerated: {@code soak.cycles} scheduled cycles of one company (100 in
 * {@code ./mvnw verify}, under a minute of cycles on 2 shared cores; the full run of 500 is in
 * {@code bench/sync/README.md}) on a clock moved {@link #TICK} per cycle, with every timeout at a
 * test value, against the fake portal and the H2 Sage databases, with the faults of {@link
 * SoakRota} (portal 500s, lost answers, portal timeouts, SQL errors, a statement hung on a locked
 * row, a hanging importer) and, first, a peer node killed while it holds the company's lock.
 *
 * <p>It asserts that open file descriptors, threads, Sage sessions and heap after a full collection
 * stay flat ({@link ResourceSeries}, the series printed), that no lock is left held and no step
 * thread or importer process outlives its cycle, and that every item due was sent exactly once:
 * each at the portal once, no item POSTed again unless an injected failure answered its POST
 * ({@link PortalPosts}), and the ledger agreeing with the portal.
 *
 * <p>Design: the cycles are the node's own use cases ({@link SyncCycles#scheduledTick}, {@link
 * SyncCycles#reapExpiredLocks}) rebuilt on a test clock ({@link AcceleratedCycles}), called on this
 * thread one after the other. The clock starts a minute ahead of real time and only moves forward,
 * so the node's own reaper, on real time, never takes a lease of these cycles; the peer's lease is
 * on real time too, and the test clock passes it one tick after the peer dies.
 */
class SyncSoakIT {

    static final int CYCLES = Integer.getInteger("soak.cycles", 100);
    static final int SAMPLE_EVERY = Integer.getInteger("soak.sampleEvery", 5);

    /** The samples of the first fifth of the run (at least one rota) are warm-up. */
    static final int WARM_UP = Math.max(SoakRota.LENGTH, CYCLES / 5);

    /** The clock's move per cycle: the default cron, every 15 minutes. */
    static final Duration TICK = Duration.ofMinutes(15);

    /** Extra cycles without faults for the items whose retry was still due at the end. */
    static final int DRAIN = 40;

    // The timeouts at test values, in the order the settings require.
    static final Duration PORTAL_HTTP_TIMEOUT = Duration.ofMillis(250);
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(1);
    static final Duration CHILD_PROCESS_TIMEOUT = Duration.ofMillis(1100);
    static final Duration LOCK_TIMEOUT = Duration.ofMinutes(10);

    /** Longer than a step: a statement on a locked row is ended by the step's cancellation. */
    static final Duration SQL_QUERY_TIMEOUT = Duration.ofSeconds(5);

    static final Duration IMPORTER_GRACE = Duration.ofMillis(100);

    /**
     * {@code RETRY_LOOKBACK_DAYS} at its floor: a cycle reads the items of the last day or two, and
     * {@link SoakRota} deletes older ones, so after about 300 cycles the work of a cycle stays the
     * same.
     */
    static final int LOOKBACK_DAYS = 1;

    /**
     * The gauges and how much their last quarter may exceed their first. Descriptors: 8, for the
     * pooled connections (PostgreSQL, the portal client's keep-alive) that open and close as they
     * idle. Threads: 6, for pools that start threads lazily up to their bound (db-scheduler's four
     * executor threads, the JDK's process reapers, the HTTP client's workers). Sessions: 1 (the
     * Sage pools hold at most 3 per database). Heap: 2 MiB after a full collection, net of the fake
     * portal's estimated request log and stored items; what is left of the fixtures' growth (the H2
     * rows of the lookback window, this test's bookkeeping) stays well under it.
     */
    static final List<ResourceSeries.Gauge> GAUGES =
            List.of(
                    new ResourceSeries.Gauge("open fds", ResourceSeries.Sample::fds, 8, "fds"),
                    new ResourceSeries.Gauge(
                            "threads", ResourceSeries.Sample::threads, 6, "threads"),
                    new ResourceSeries.Gauge(
                            "sage sessions", ResourceSeries.Sample::sageSessions, 1, "sessions"),
                    new ResourceSeries.Gauge(
                            "net heap", ResourceSeries.Sample::netHeapKiB, 2 * 1024, "KiB"));

    static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");

    /**
     * How long the hanging importer and its child sleep: unique, so their processes can be found.
     */
    static final String HANG = "30." + (100_000 + new java.util.Random().nextInt(900_000));

    static FakeLicenseServer licenses;
    static TestNode node;
    static Path dir;
    static Path importer;
    static Path hangFlag;

    @BeforeAll
    static void start() throws IOException {
        licenses = FakeLicenseServer.start();
        dir = Files.createTempDirectory("sync-soak");
        hangFlag = dir.resolve("hang");
        importer = dir.resolve("importa.sh");
        Files.writeString(
                importer,
                "#!/bin/bash\n"
                        + "echo \"importing $1\"\n"
                        + "if [ -e '"
                        + hangFlag
                        + "' ]; then trap '' TERM; sleep "
                        + HANG
                        + " & sleep "
                        + HANG
                        + "; fi\n"
                        + "exit 0\n");
        Files.setPosixFilePermissions(importer, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = new HashMap<>(licenses.settings());
        env.put("SYNC_IMPORTER_PROGRAMS", importer.toString());
        env.put("SYNC_DOWNLOADS_ROOT", dir.resolve("downloads").toString());
        node = TestNode.start(env);
    }

    @AfterAll
    static void stop() {
        node.close();
        licenses.close();
    }

    @Test
    void cyclesWithFaultsLeakNothingHoldNoLockAndSendEveryItemOnce() throws Exception {
        try (SyncScenario s = SyncScenario.startToday(node).withPortalHistory()) {
            Http.Response patched =
                    node.http()
                            .patch(
                                    "/v1/sync/companies/" + s.companyId,
                                    s.adminKey,
                                    Http.json(
                                            "importer",
                                            Map.of(
                                                    "program",
                                                    importer.toString(),
                                                    "argument",
                                                    "COPDAT")));
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            Company company = s.company();
            SyncLocks locks = node.bean(SyncLocks.class);
            TestClock clock = new TestClock(Instant.now().plus(1, ChronoUnit.MINUTES));
            PortalPosts posts = new PortalPosts(s.portal);
            try (AcceleratedCycles a =
                    new AcceleratedCycles(node, settings(), clock, IMPORTER_GRACE)) {
                String deadRun = killAPeerHoldingTheLock(s, company, a);
                assertThat(locks.held(company.tenant(), company.id())).isEmpty();
                JsonNode reaped = node.http().get("/v1/sync/runs/" + deadRun, s.adminKey).json();
                assertThat(reaped.get("status").asString()).isEqualTo("timed_out");
                assertThat(reaped.get("stuck_on_step").asString()).isEqualTo("buildProviders");

                SoakRota rota =
                        new SoakRota(s, posts, hangFlag, PORTAL_HTTP_TIMEOUT, LOOKBACK_DAYS);
                ResourceSeries series =
                        new ResourceSeries(
                                WARM_UP,
                                () -> SoakRecords.sageSessions(s),
                                () -> FakePortalFootprint.bytes(s.portal));
                long started = System.nanoTime();
                for (int i = 0; i < CYCLES; i++) {
                    clock.advance(TICK);
                    SoakRota.Fault f =
                            rota.before(i, LocalDateTime.ofInstant(clock.instant(), MEXICO));
                    tick(a, company);
                    rota.after(i, f);
                    posts.observe();
                    assertThat(locks.held(company.tenant(), company.id()))
                            .as("lock after cycle %d (%s)", i, f)
                            .isEmpty();
                    if ((i + 1) % SAMPLE_EVERY == 0) {
                        assertThat(stepThreads(s)).as("step threads after cycle %d", i).isEmpty();
                        series.sample(i);
                    }
                }
                long soakMillis = (System.nanoTime() - started) / 1_000_000;
                int drained = drain(s, a, company, rota, posts);

                Map<String, Long> runs = SoakRecords.runsByStatus(s);
                System.out.printf(
                        "%nSyncSoakIT: %d cycles in %.1f s (+%d to drain), runs by status %s,"
                                + " faults %s%n  portal requests %d, item POSTs %d, POSTs failed"
                                + " as injected %d%n%s",
                        CYCLES,
                        soakMillis / 1000.0,
                        drained,
                        runs,
                        new TreeMap<>(rota.injected()),
                        posts.requests(),
                        posts.posts(),
                        posts.failedPosts(),
                        series.table());
                List<ResourceSeries.Verdict> verdicts = series.verdicts(GAUGES);
                verdicts.forEach(v -> System.out.println("  " + v));
                System.out.println("  thread names changed: " + series.threadChanges());
                System.out.println(
                        "  file descriptors changed: "
                                + series.fdChanges()
                                + " (the fake portal listens on :"
                                + java.net.URI.create(s.portal.url()).getPort()
                                + ", PostgreSQL on :"
                                + dev.gatehouse.testing.TestDatabase.port()
                                + ")");
                System.out.println("  heap growth by class: " + series.classGrowth(12));

                assertThat(locks.held(company.tenant(), company.id())).isEmpty();
                assertThat(runs).doesNotContainKey("running");
                assertThat(stepThreads(s)).isEmpty();
                assertThat(importerProcesses()).isEmpty();
                assertSentExactlyOnce(s, rota, posts);
                assertTheFaultsTookEffect(s, rota, posts, runs);
                assertThat(verdicts)
                        .allSatisfy(v -> assertThat(v.flat()).as(v.toString()).isTrue());
            }
        }
    }

    /**
     * A peer node starts a run of the company, which hangs on a slow portal holding the lock; the
     * peer is killed: its database connections cut (the way a killed process's sockets close, so it
     * can write nothing more), then stopped. A tick finds the lock held and skips; once the lease
     * has run out on the clock, the reaper frees it. Returns the dead run's id.
     */
    private static String killAPeerHoldingTheLock(
            SyncScenario s, Company company, AcceleratedCycles a) {
        SyncLocks locks = node.bean(SyncLocks.class);
        String runId;
        try (TestNode peer = node.peer()) {
            awaitValidLicense(peer);
            s.portal.delayAll(Duration.ofSeconds(20));
            SyncCycles.Start started =
                    peer.bean(SyncCycles.class)
                            .runNow(company.tenant(), s.companyId, Actor.system("sync-soak"));
            assertThat(started).isInstanceOf(SyncCycles.Started.class);
            runId = ((SyncCycles.Started) started).runId();
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!locks.held(company.tenant(), company.id())
                            .map(l -> "buildProviders".equals(l.currentStep()))
                            .orElse(false)
                    && System.nanoTime() < until) {
                sleep(50);
            }
            assertThat(locks.held(company.tenant(), company.id()))
                    .hasValueSatisfying(l -> assertThat(l.runId()).isEqualTo(runId));

            tick(a, company);
            assertThat(a.cycles.reapExpiredLocks()).as("a live holder's lease").isZero();
            assertThat(SoakRecords.runsByStatus(s))
                    .as("the tick skipped")
                    .containsOnlyKeys("running");

            ((HikariDataSource) peer.bean(DataSource.class)).close();
        }
        s.portal.delayAll(Duration.ZERO);
        assertThat(locks.held(company.tenant(), company.id()))
                .as("the dead node's lock")
                .hasValueSatisfying(l -> assertThat(l.runId()).isEqualTo(runId));
        a.clock.advance(TICK);
        assertThat(a.cycles.reapExpiredLocks()).isEqualTo(1);
        return runId;
    }

    /** Clean cycles until every item due is at the portal and no ledger entry is pending. */
    private static int drain(
            SyncScenario s,
            AcceleratedCycles a,
            Company company,
            SoakRota rota,
            PortalPosts posts) {
        for (int i = 0; i < DRAIN; i++) {
            if (SoakRecords.pendingLedgerEntries(s) == 0
                    && SoakRecords.stored(s.portal.payments()).containsAll(rota.payments())
                    && SoakRecords.stored(s.portal.purchaseOrders()).containsAll(rota.orders())) {
                return i;
            }
            a.clock.advance(TICK);
            tick(a, company);
            posts.observe();
        }
        return DRAIN;
    }

    private static void tick(AcceleratedCycles a, Company company) {
        a.cycles.reapExpiredLocks();
        a.cycles.scheduledTick(company.tenant(), company.publicId());
    }

    private static void assertSentExactlyOnce(SyncScenario s, SoakRota rota, PortalPosts posts) {
        assertThat(SoakRecords.externalIds(s.portal.payments()))
                .as("payments at the portal, by external id")
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(SoakRecords.externalIds(s.portal.purchaseOrders()))
                .as("purchase orders at the portal, by external id")
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
        assertThat(posts.sentMoreThanOnce()).as("items POSTed again").isEmpty();

        Set<String> payments = new TreeSet<>(rota.payments());
        payments.addAll(List.of("PY0001", "PY0004")); // PY0005 is weeks old: out of the window
        assertThat(SoakRecords.stored(s.portal.payments()))
                .as("the payments due, and no other")
                .containsExactlyInAnyOrderElementsOf(payments);
        Set<String> orders = new TreeSet<>(rota.orders());
        orders.addAll(List.of("PO0001", "PO0002", "PO0003", "PO0004", "PO0005"));
        assertThat(SoakRecords.stored(s.portal.purchaseOrders()))
                .as("the purchase orders due and those sent before, and no other")
                .containsExactlyInAnyOrderElementsOf(orders);

        Map<String, String> portalIds = new HashMap<>();
        s.portal
                .payments()
                .forEach(
                        (id, p) -> portalIds.put("payment:" + p.get("external_id").asString(), id));
        s.portal
                .purchaseOrders()
                .forEach(
                        (id, p) ->
                                portalIds.put(
                                        "purchase_order:" + p.get("external_id").asString(), id));
        Map<String, String> ledger = SoakRecords.ledger(s);
        for (String item : posts.itemsPosted()) {
            assertThat(ledger.get(item))
                    .as("ledger of %s", item)
                    .isEqualTo("sent " + portalIds.get(item));
        }
        assertThat(SoakRecords.pendingLedgerEntries(s)).isZero();
    }

    private static void assertTheFaultsTookEffect(
            SyncScenario s, SoakRota rota, PortalPosts posts, Map<String, Long> runs) {
        Map<SoakRota.Fault, Integer> f = rota.injected();
        assertThat(posts.failedPosts()).as("POSTs answered 500").isPositive();
        assertThat(SoakRecords.foundAtThePortal(s))
                .as("items found by a lookup after a lost answer")
                .isPositive();
        assertThat(runs.getOrDefault("failed", 0L))
                .as("runs failed on portal timeouts and SQL errors")
                .isGreaterThanOrEqualTo(
                        f.get(SoakRota.Fault.PORTAL_TIMEOUT) + f.get(SoakRota.Fault.SQL_ERROR));
        assertThat(runs.getOrDefault("timed_out", 0L))
                .as("runs timed out on hung statements, hanging importers and the dead node")
                .isGreaterThanOrEqualTo(
                        f.get(SoakRota.Fault.HUNG_STATEMENT)
                                + f.get(SoakRota.Fault.HANGING_IMPORTER)
                                + 1);
    }

    private static SyncSettings settings() {
        SyncSettings base =
                node.bean(dev.gatehouse.kernel.config.Settings.class).section(SyncSettings.class);
        return new SyncSettings(
                PORTAL_HTTP_TIMEOUT,
                STEP_TIMEOUT,
                CHILD_PROCESS_TIMEOUT,
                LOCK_TIMEOUT,
                SQL_QUERY_TIMEOUT,
                LOOKBACK_DAYS,
                base.retryIntervalPayment(),
                base.retryIntervalPurchaseOrder(),
                base.maxCompaniesPerTenant(),
                base.importerPrograms(),
                base.downloadsRoot(),
                base.schedulerPolling(),
                true,
                false,
                false,
                4);
    }

    private static List<String> stepThreads(SyncScenario s) {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.startsWith("sync-step-" + s.companyId))
                .toList();
    }

    /**
     * Live processes of the importer and its children, wherever they were re-parented: the script
     * and the {@code sleep} of this test's own length.
     */
    private static List<String> importerProcesses() {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(importer.toString()) || c.contains("sleep " + HANG))
                .toList();
    }

    /** Waits for the node's start-up license check (asked directly: its API is not needed). */
    private static void awaitValidLicense(TestNode n) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (n.bean(License.class).status().state() != LicenseState.VALID) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the license did not become VALID");
            }
            sleep(50);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
