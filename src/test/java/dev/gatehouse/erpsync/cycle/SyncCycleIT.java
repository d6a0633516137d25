package dev.gatehouse.erpsync.cycle;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.gatehouse.erpsync.FakeLicenseServer;
import dev.gatehouse.erpsync.Runs;
import dev.gatehouse.erpsync.SyncScenario;
import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.portal.PortalClients;
import dev.gatehouse.erpsync.sage.SageDatabases;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestNode;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A company's cycle on licensed nodes sharing one database: runs through the API, one run at a time
 * per company, steps cancelled at their timeout with their threads ended, expired locks reaped with
 * the step they were stuck on, operators' force-release, and a schedule shared by two nodes that
 * runs each tick once.
 */
class SyncCycleIT {

    static FakeLicenseServer licenses;
    static GreenMail smtp;
    static TestNode node;
    static java.nio.file.Path importer;
    static PortalClients portals = new PortalClients(Duration.ofSeconds(30), Duration.ofMillis(10));

    @BeforeAll
    static void start() {
        licenses = FakeLicenseServer.start();
        int smtpPort = TestNode.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> env = new HashMap<>(licenses.settings());
        env.put("LICENSE_ADMIN_EMAIL", "sync-admin@example.com");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(smtpPort));
        env.put("SMTP_TLS", "none");
        env.put("SMTP_FROM", "gatehouse@example.com");
        env.put("SYNC_SCHEDULER_POLL_SECONDS", "1");
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sync-importer");
            importer = dir.resolve("importa.sh");
            java.nio.file.Files.writeString(
                    importer,
                    "#!/bin/bash\necho \"importing $1\"\necho \"Factura F-9 rechazada: proveedor"
                            + " sin cuenta\" >&2\nexit 0\n");
            java.nio.file.Files.setPosixFilePermissions(
                    importer, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            env.put("SYNC_IMPORTER_PROGRAMS", importer.toString());
            env.put("SYNC_DOWNLOADS_ROOT", dir.resolve("downloads").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        node = TestNode.start(env);
        Runs.awaitValidLicense(node, node.bootstrapAdminKey());
    }

    @AfterAll
    static void stop() {
        portals.close();
        node.close();
        smtp.stop();
        licenses.close();
    }

    @Test
    void runNowAnswers202AndTheRunEndsWithItsSteps() {
        try (SyncScenario s = SyncScenario.startToday(node).withPortalHistory()) {
            Http.Response r =
                    node.http().post("/v1/sync/companies/" + s.companyId + "/run", s.adminKey, "");

            assertThat(r.status()).as(r.body()).isEqualTo(202);
            String runId = r.json().get("run_id").asString();
            assertThat(runId).startsWith("run_");
            JsonNode run = awaitEnd(s, runId);
            assertThat(run.get("status").asString()).isEqualTo("succeeded");
            assertThat(run.get("trigger").asString()).isEqualTo("manual");
            assertThat(run.get("company_id").asString()).isEqualTo(s.companyId);
            assertThat(
                            run.get("steps")
                                    .valueStream()
                                    .map(
                                            st ->
                                                    st.get("name").asString()
                                                            + " "
                                                            + st.get("status").asString()))
                    .containsExactly(
                            "buildProviders succeeded",
                            "downloadCFDI succeeded",
                            "checkPayments succeeded",
                            "uploadPayments succeeded",
                            "createPurchaseOrders succeeded",
                            "processOrderChanges succeeded",
                            "closePurchaseOrders succeeded");
            assertThat(run.get("steps").get(4).get("summary").get("sent").asInt()).isEqualTo(1);
            assertThat(s.portal.purchaseOrders()).hasSize(5);

            JsonNode history = node.http().get("/v1/sync/history?hours=1", s.adminKey).json();
            assertThat(history.get("data").get(0).get("id").asString()).isEqualTo(runId);
            assertThat(history.get("data").get(0).get("steps"))
                    .as("the history's runs carry their steps, as the run itself does")
                    .isEqualTo(run.get("steps"));
            JsonNode pos =
                    node.http()
                            .get(
                                    "/v1/sync/purchase-orders?company_id="
                                            + s.companyId
                                            + "&status=sent",
                                    s.adminKey)
                            .json();
            assertThat(pos.get("data").valueStream().map(i -> i.get("sage_key").asString()))
                    .contains("PO0001", "PO0002");
            JsonNode schedule = node.http().get("/v1/sync/schedule", s.adminKey).json();
            assertThat(schedule.get("data").get(0).get("status").asString()).isEqualTo("scheduled");
            assertThat(schedule.get("data").get(0).get("next_run").isNull()).isFalse();
        }
    }

    @Test
    void theImporterRunsAfterTheStepsAndItsStderrIsMailedInOneMessage() throws Exception {
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

            Http.Response r =
                    node.http().post("/v1/sync/companies/" + s.companyId + "/run", s.adminKey, "");
            JsonNode run = awaitEnd(s, r.json().get("run_id").asString());

            assertThat(run.get("status").asString()).isEqualTo("succeeded");
            JsonNode last = run.get("steps").get(run.get("steps").size() - 1);
            assertThat(last.get("name").asString()).isEqualTo("startChildProcess");
            assertThat(last.get("status").asString()).isEqualTo("succeeded");
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            MimeMessage mail = null;
            while (mail == null && System.nanoTime() < until) {
                for (MimeMessage m : smtp.getReceivedMessages()) {
                    if (m.getSubject().endsWith("Error en el proceso de importación")
                            && m.getAllRecipients()[0].toString().equals("cxp@copamex.example")
                            && String.valueOf(m.getContent()).contains(s.companyId)) {
                        mail = m;
                    }
                }
                sleep(100);
            }
            assertThat(mail).isNotNull();
            assertThat(String.valueOf(mail.getContent()))
                    .contains("Factura F-9 rechazada: proveedor sin cuenta");
        }
    }

    @Test
    void noSecretReachesALogLineAnAnswerTheAuditOrMetrics() {
        List<String> lines;
        StringBuilder answers = new StringBuilder();
        try (CapturedLogs logs = CapturedLogs.start();
                SyncScenario s = SyncScenario.startToday(node).withPortalHistory()) {
            s.portal.failNext("/purchase-orders", 500);
            String key = s.adminKey;
            Http.Response r =
                    node.http().post("/v1/sync/companies/" + s.companyId + "/run", key, "");
            String runId = r.json().get("run_id").asString();
            awaitEnd(s, runId);
            for (String path :
                    List.of(
                            "/v1/sync/companies",
                            "/v1/sync/companies/" + s.companyId,
                            "/v1/sync/runs/" + runId,
                            "/v1/sync/history",
                            "/v1/sync/schedule",
                            "/v1/sync/license",
                            "/v1/sync/payments",
                            "/v1/sync/purchase-orders",
                            "/v1/audit-events?limit=100")) {
                answers.append(node.http().get(path, key).body());
            }
            answers.append(node.management().get("/metrics", null).body());
            answers.append(
                    String.join(
                            "\n",
                            s.owner()
                                    .sql("select x::text from audit_events x")
                                    .query(String.class)
                                    .list()));
            answers.append(
                    String.join(
                            "\n",
                            s.owner()
                                    .sql("select x::text from sync_runs x")
                                    .query(String.class)
                                    .list()));
            lines = logs.events();
        }
        for (String secret :
                List.of(
                        dev.gatehouse.erpsync.SyncCompanies.PORTAL_KEY,
                        dev.gatehouse.erpsync.SyncCompanies.PORTAL_SECRET,
                        dev.gatehouse.erpsync.SageFixture.PASSWORD,
                        FakeLicenseServer.SECRET,
                        FakeLicenseServer.KEY)) {
            assertThat(answers.toString()).doesNotContain(secret);
            assertThat(lines).noneMatch(l -> l.contains(secret));
        }
        assertThat(answers.toString()).contains("sync_run.started");
    }

    @Test
    void twoOverlappingManualRunsGiveOne409AndAnotherTenantGets404() {
        try (SyncScenario s = SyncScenario.startToday(node)) {
            s.portal.delayAll(Duration.ofSeconds(2));
            String path = "/v1/sync/companies/" + s.companyId + "/run";
            Http.Response first = node.http().post(path, s.adminKey, "");
            Http.Response second = node.http().post(path, s.adminKey, "");

            assertThat(first.status()).isEqualTo(202);
            assertProblem(second, 409, "run_in_progress");
            assertThat(second.json().get("detail").asString())
                    .isEqualTo(
                            "Run "
                                    + first.json().get("run_id").asString()
                                    + " of this company is in progress.");
            String stranger = dev.gatehouse.testing.Tenancy.newTenant(node).adminKey();
            assertProblem(node.http().post(path, stranger, ""), 404, "not_found");
            assertProblem(
                    node.http()
                            .get(
                                    "/v1/sync/runs/" + first.json().get("run_id").asString(),
                                    stranger),
                    404,
                    "not_found");
            s.portal.delayAll(Duration.ZERO);
            awaitEnd(s, first.json().get("run_id").asString());
        }
    }

    @Test
    void aStepHungOnALockedRowIsCancelledAtItsTimeoutAndItsThreadEnds() throws Exception {
        try (SyncScenario s = SyncScenario.start(node)) {
            s.portal.addProvider(
                    tools.jackson.databind.json.JsonMapper.builder()
                            .build()
                            .createObjectNode()
                            .put("id", "64b7f0c2e4b0a1a2b3c4d5f0")
                            .put("rfc", "TGA010203XY9"));
            CycleRunner runner = runner(Duration.ofSeconds(2));
            Company company = s.company();
            List<String> lines;
            CycleRunner.Ended ended;
            try (Connection holder = s.sage.connect("COPDAT");
                    CapturedLogs logs = CapturedLogs.start()) {
                try (Connection setup = s.sage.connect("COPDAT")) {
                    setup.createStatement()
                            .executeUpdate(
                                    "insert into APVENO (VENDORID, OPTFIELD, [VALUE], [TYPE],"
                                            + " [LENGTH], DECIMALS, ALLOWNULL, VALIDATE, SWSET,"
                                            + " AUDTDATE, AUDTTIME, AUDTUSER, AUDTORG) values"
                                            + " ('P002', 'PROVIDERID', '', 1, 60, 0, 0, 0, 1,"
                                            + " 20261207, 0, 'ADMIN', 'COPDAT')");
                }
                holder.setAutoCommit(false);
                holder.createStatement()
                        .executeUpdate(
                                "update APVENO set AUDTUSER = 'HOLD' where VENDORID = 'P002' and"
                                        + " OPTFIELD = 'PROVIDERID'");
                long runId =
                        node.bean(SyncRuns.class)
                                .create(
                                        company.tenant(),
                                        company.id(),
                                        "run_" + UUID.randomUUID(),
                                        "manual",
                                        "running",
                                        "test",
                                        Instant.now());
                Instant before = Instant.now();
                ended = runner.run(company, s.secrets(), runId, "no-lock");
                assertThat(Duration.between(before, Instant.now()))
                        .isLessThan(Duration.ofSeconds(8));
                lines = logs.events();
                holder.rollback();
            }
            assertThat(ended.status()).isEqualTo("timed_out");
            assertThat(ended.error()).startsWith("Step timeout after 2000ms — step=uploadPayments");
            assertThat(lines)
                    .anyMatch(
                            l ->
                                    l.contains(
                                            "[TIMEOUT] step=uploadPayments tenant="
                                                    + s.companyId
                                                    + " url=n/a durationMs=2000"));
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(t -> t.getName().startsWith("sync-step-" + s.companyId));
            assertThat(s.portal.requests("POST", "/purchase-orders"))
                    .as("the rest of the company's steps are skipped")
                    .isEmpty();
        }
    }

    @Test
    void aStepWaitingOnAHungPortalIsCancelledAndItsExchangeAborted() {
        try (SyncScenario s = SyncScenario.start(node)) {
            s.portal.delayAll(Duration.ofSeconds(30));
            CycleRunner runner = runner(Duration.ofSeconds(2));
            Company company = s.company();
            long runId =
                    node.bean(SyncRuns.class)
                            .create(
                                    company.tenant(),
                                    company.id(),
                                    "run_" + UUID.randomUUID(),
                                    "manual",
                                    "running",
                                    "test",
                                    Instant.now());
            Instant before = Instant.now();
            CycleRunner.Ended ended = runner.run(company, s.secrets(), runId, "no-lock");
            assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(8));
            assertThat(ended.status()).isEqualTo("timed_out");
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(t -> t.getName().startsWith("sync-step-" + s.companyId));
            s.portal.delayAll(Duration.ZERO);
        }
    }

    @Test
    void aLockWhoseNodeDiedIsReleasedWithTheStepItWasStuckOnAndTheAdminIsTold() throws Exception {
        try (SyncScenario s = SyncScenario.startToday(node)) {
            Company company = s.company();
            SyncRuns runs = node.bean(SyncRuns.class);
            SyncLocks locks = node.bean(SyncLocks.class);
            String runId = "run_" + UUID.randomUUID().toString().replace("-", "");
            runs.create(
                    company.tenant(),
                    company.id(),
                    runId,
                    "schedule",
                    "running",
                    "dead-node",
                    Instant.now().minus(Duration.ofMinutes(20)));
            assertThat(
                            locks.acquire(
                                    company.tenant(),
                                    company.id(),
                                    "dead-token",
                                    runId,
                                    Instant.now().minus(Duration.ofMinutes(20)),
                                    Instant.now().minus(Duration.ofMinutes(6))))
                    .isTrue();
            locks.onStep(
                    company.tenant(),
                    company.id(),
                    "dead-token",
                    "createPurchaseOrders",
                    Instant.now().minus(Duration.ofMinutes(6)));
            assertProblem(
                    node.http().post("/v1/sync/companies/" + s.companyId + "/run", s.adminKey, ""),
                    409,
                    "run_in_progress");

            List<String> lines;
            try (CapturedLogs logs = CapturedLogs.start()) {
                assertThat(node.bean(SyncCycles.class).reapExpiredLocks())
                        .isGreaterThanOrEqualTo(1);
                lines = logs.events();
            }

            JsonNode run = node.http().get("/v1/sync/runs/" + runId, s.adminKey).json();
            assertThat(run.get("status").asString()).isEqualTo("timed_out");
            assertThat(run.get("stuck_on_step").asString()).isEqualTo("createPurchaseOrders");
            assertThat(lines)
                    .anyMatch(
                            l ->
                                    l.contains("[TIMEOUT] Auto-released lock sync-cycle")
                                            && l.contains("operationId=" + runId)
                                            && l.contains("stuckOnStep=createPurchaseOrders")
                                            && l.contains("stuckOnTenant=" + s.companyId));
            String subject = "[SageConnect] Auto-timeout: lock " + s.companyId;
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < until
                    && subjects().stream().noneMatch(m -> m.startsWith(subject))) {
                sleep(100);
            }
            assertThat(subjects()).anyMatch(m -> m.startsWith(subject));
            Http.Response again =
                    node.http().post("/v1/sync/companies/" + s.companyId + "/run", s.adminKey, "");
            assertThat(again.status()).isEqualTo(202);
            awaitEnd(s, again.json().get("run_id").asString());
        }
    }

    @Test
    void anOperatorForceReleasesAHeldLockAndItIsAudited() {
        try (SyncScenario s = SyncScenario.startToday(node)) {
            Company company = s.company();
            String runId = "run_" + UUID.randomUUID().toString().replace("-", "");
            node.bean(SyncRuns.class)
                    .create(
                            company.tenant(),
                            company.id(),
                            runId,
                            "manual",
                            "running",
                            "stuck-node",
                            Instant.now());
            node.bean(SyncLocks.class)
                    .acquire(
                            company.tenant(),
                            company.id(),
                            "stuck",
                            runId,
                            Instant.now(),
                            Instant.now().plus(Duration.ofMinutes(14)));
            String path = "/v1/sync/companies/" + s.companyId + "/lock:release";

            assertProblem(
                    node.http().post(path, s.adminKey, "{\"reason\":\"\"}"),
                    400,
                    "invalid_request");
            Http.Response released =
                    node.http()
                            .post(path, s.adminKey, "{\"reason\":\"importer hung on the server\"}");

            assertThat(released.status()).as(released.body()).isEqualTo(200);
            assertThat(released.json().get("released").asBoolean()).isTrue();
            assertThat(released.json().get("run_id").asString()).isEqualTo(runId);
            assertThat(
                            node.http()
                                    .post(path, s.adminKey, "{\"reason\":\"again\"}")
                                    .json()
                                    .get("released")
                                    .asBoolean())
                    .isFalse();
            assertThat(
                            node.http()
                                    .get("/v1/sync/runs/" + runId, s.adminKey)
                                    .json()
                                    .get("error")
                                    .asString())
                    .isEqualTo("ManualForceRelease");
            assertThat(
                            s.owner()
                                    .sql(
                                            "select count(*) from audit_events where action ="
                                                + " 'sync_lock.force_released' and target_id = ?")
                                    .param(s.companyId)
                                    .query(Long.class)
                                    .single())
                    .isEqualTo(2);
        }
    }

    @Test
    void twoNodesSharingOneScheduleRunEachTickOnce() {
        try (TestNode peer = node.peer();
                SyncScenario s = SyncScenario.start(node)) {
            Runs.awaitValidLicense(peer, node.bootstrapAdminKey());
            Company company = s.company();
            List<String> lines;
            try (CapturedLogs logs = CapturedLogs.start()) {
                node.bean(SyncSchedule.class).schedule(company, Schedules.cron("*/2 * * * * *"));
                long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (System.nanoTime() < until && scheduledRuns(s) < 4) {
                    sleep(250);
                }
                node.bean(SyncSchedule.class).schedule(company, Schedules.cron("0 0 0 1 1 *"));
                sleep(3000);
                lines = logs.events();
            }
            assertThat(scheduledRuns(s)).isGreaterThanOrEqualTo(4);

            assertThat(lines).noneMatch(l -> l.contains("[OVERLAP] tenant=" + s.companyId));
            assertThat(s.portal.requests("POST", "/purchase-orders")).hasSize(1);
        }
    }

    private static long scheduledRuns(SyncScenario s) {
        return s.owner()
                .sql(
                        "select count(*) from sync_runs r join sync_companies c on c.id ="
                            + " r.company_id where c.public_id = ? and r.trigger = 'schedule' and"
                            + " r.status = 'succeeded'")
                .param(s.companyId)
                .query(Long.class)
                .single();
    }

    private static CycleRunner runner(Duration stepTimeout) {
        SyncSettings base = node.bean(Settings.class).section(SyncSettings.class);
        SyncSettings fast =
                new SyncSettings(
                        Duration.ofSeconds(30),
                        stepTimeout,
                        base.childProcessTimeout(),
                        base.lockTimeout(),
                        Duration.ofSeconds(60),
                        base.retryLookbackDays(),
                        base.retryIntervalPayment(),
                        base.retryIntervalPurchaseOrder(),
                        base.maxCompaniesPerTenant(),
                        base.importerPrograms(),
                        base.downloadsRoot(),
                        base.schedulerPolling(),
                        base.allowPrivatePortal(),
                        false,
                        false,
                        base.portalConcurrency());
        return new CycleRunner(
                List.of(
                        SyncStep.of(
                                "uploadPayments",
                                SyncCycleIT.class,
                                node.bean(dev.gatehouse.erpsync.payments.PaymentUpload.class)::run),
                        SyncStep.of(
                                "createPurchaseOrders",
                                SyncCycleIT.class,
                                node.bean(dev.gatehouse.erpsync.orders.PurchaseOrderCreation.class)
                                        ::run)),
                node.bean(SyncRuns.class),
                node.bean(SyncLocks.class),
                node.bean(SageDatabases.class),
                portals,
                fast,
                Clock.fixed(SyncScenario.NOW, java.time.ZoneOffset.UTC),
                new dev.gatehouse.erpsync.importer.Importer(Duration.ofSeconds(1)),
                new ImporterNotices(
                        node.bean(dev.gatehouse.kernel.mail.Mailer.class),
                        java.util.Optional.empty()));
    }

    private static JsonNode awaitEnd(SyncScenario s, String runId) {
        return Runs.awaitEnd(node, s.adminKey, runId);
    }

    private static List<String> subjects() throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            out.add(m.getSubject());
        }
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
