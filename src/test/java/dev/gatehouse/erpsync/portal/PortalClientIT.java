package dev.gatehouse.erpsync.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.erpsync.SageFixture;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanyConfig;
import dev.gatehouse.erpsync.company.CompanySecrets;
import dev.gatehouse.erpsync.demo.FakePortal;
import dev.gatehouse.erpsync.step.StepCancellation;
import dev.gatehouse.testing.CapturedLogs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The portal client against the fake portal on loopback. */
class PortalClientIT {

    private static final String KEY = "pdp-key-" + "2".repeat(20);
    private static final String SECRET = "pdp-secret-" + "9".repeat(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger LOG =
            LoggerFactory.getLogger("dev.gatehouse.erpsync.payments.Test");

    private final FakePortal portal = FakePortal.start(KEY, SECRET);
    private final SageFixture sage = SageFixture.create();
    private final PortalClients clients =
            new PortalClients(Duration.ofMillis(500), Duration.ofMillis(10));

    @AfterEach
    void close() {
        clients.close();
        portal.close();
        sage.close();
    }

    @Test
    void theCredentialsTravelAsHeadersOnlyAndAWrongOneIsNotRetried() {
        client(KEY, SECRET).read(client(KEY, SECRET).extern("/payments"), Map.of());
        FakePortal.Recorded r = portal.requests().getFirst();
        assertThat(r.headers())
                .containsEntry("pdptenantkey", KEY)
                .containsEntry("pdptenantsecret", SECRET);
        assertThat(r.path() + r.query()).doesNotContain(KEY).doesNotContain(SECRET);

        PortalClient wrong = client(KEY, "wrong-secret-value");
        assertThatThrownBy(() -> wrong.read(wrong.extern("/payments"), Map.of()))
                .isInstanceOf(PortalUnavailable.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("wrong-secret-value");
        assertThat(portal.requests()).hasSize(2);
    }

    @Test
    void aReadIsRetriedOn5xxAnd429ButAWriteIsNot() {
        PortalClient c = client(KEY, SECRET);
        portal.failNext("/payments", 503, 429);
        assertThat(c.read(c.extern("/payments"), Map.of()).path("items").isArray()).isTrue();
        assertThat(portal.requests("GET", "/payments")).hasSize(3);

        portal.failNext("/payments", 503);
        PortalAnswer answer =
                c.post(c.extern("/payments"), JSON.createObjectNode().put("external_id", "PY1"));
        assertThat(answer).isEqualTo(new PortalAnswer.Unanswered("HTTP 503"));
        assertThat(portal.requests("POST", "/payments")).hasSize(1);
        assertThat(portal.payments()).isEmpty();
    }

    @Test
    void aRefusalCarriesThePortalsCodeAndDescription() {
        PortalClient c = client(KEY, SECRET);
        c.post(c.extern("/payments"), JSON.createObjectNode().put("external_id", "PY1"));
        PortalAnswer again =
                c.post(c.extern("/payments"), JSON.createObjectNode().put("external_id", "PY1"));
        assertThat(again)
                .isEqualTo(
                        new PortalAnswer.Refused(409, "DUPLICATED", "external_id already exists"));
    }

    @Test
    void aListingIsReadInPagesOf200AndDeduplicated() {
        for (int i = 0; i < 450; i++) {
            ObjectNode cfdi =
                    JSON.createObjectNode()
                            .put("id", "c" + i)
                            .put("uuid", "U" + (i % 430))
                            .put("cfdi_type", "INVOICE");
            portal.addCfdi(cfdi);
        }
        PortalClient c = client(KEY, SECRET);
        var items =
                c.readAll(
                        c.extern("/cfdis"),
                        Map.of("cfdiType", "INVOICE"),
                        i -> i.path("uuid").asString());
        assertThat(items).hasSize(430);
        assertThat(portal.requests("GET", "/cfdis"))
                .extracting(FakePortal.Recorded::query)
                .containsExactly(
                        "cfdiType=INVOICE&offset=0&pageSize=200",
                        "cfdiType=INVOICE&offset=200&pageSize=200",
                        "cfdiType=INVOICE&offset=400&pageSize=200");
    }

    @Test
    void everyTimeoutWritesATimeoutLineWithItsKeys() {
        portal.delayAll(Duration.ofSeconds(2));
        List<String> lines;
        try (CapturedLogs logs = CapturedLogs.start()) {
            PortalClient c = client(KEY, SECRET);
            assertThatThrownBy(() -> c.read(c.extern("/payments"), Map.of("external_ids", "PY7")))
                    .isInstanceOf(PortalUnavailable.class)
                    .hasMessageContaining("timeout after 500 ms");
            lines = logs.events().stream().filter(l -> l.contains("[TIMEOUT]")).toList();
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst())
                .contains("step=uploadPayments")
                .contains("tenant=co_portal")
                .contains("url=/api/1.0/extern/tenants/copamex-datos/payments?external_ids=PY7")
                .containsPattern("durationMs=\\d{3}")
                .contains("err=HttpTimeoutException")
                .doesNotContain(SECRET);
    }

    @Test
    void aCancelledStepAbortsItsExchangeAndFreesTheThread() throws Exception {
        PortalClients slow = new PortalClients(Duration.ofSeconds(30), Duration.ofMillis(10));
        portal.delayAll(Duration.ofSeconds(20));
        StepCancellation step = StepCancellation.forStep();
        PortalClient c =
                slow.forStep(
                        company(),
                        new CompanySecrets(KEY, SECRET, "x"),
                        "createPurchaseOrders",
                        LOG,
                        step);
        CompletableFuture<Object> call =
                CompletableFuture.supplyAsync(() -> c.read(c.extern("/payments"), Map.of()));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (step.open() == 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        long started = System.nanoTime();
        step.cancel();
        assertThatThrownBy(() -> call.get(3, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StepCancellation.Cancelled.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(step.open()).isZero();
        slow.close();
    }

    @Test
    void aFileUrlOnAPrivateAddressIsRefusedUnlessPrivatePortalsAreAllowed() {
        try (PortalClients strict = new PortalClients(Duration.ofSeconds(2), false)) {
            PortalClient c =
                    strict.forStep(
                            company(),
                            new CompanySecrets(KEY, SECRET, "x"),
                            "downloadCFDI",
                            LOG,
                            StepCancellation.NONE);
            assertThatThrownBy(
                            () ->
                                    c.download(
                                            java.net.URI.create(portal.url() + "/signed/x.xml"),
                                            1000))
                    .isInstanceOf(PortalUnavailable.class)
                    .hasMessageContaining("private address");
            assertThat(portal.requests()).isEmpty();
        }
    }

    @Test
    void aLookupIsFoundOnlyForOneExactMatchWithAPortalId() {
        PortalClient c = client(KEY, SECRET);
        assertThat(PortalLookup.purchaseOrder(c, "PO0001")).isEqualTo(new PortalLookup.Absent());
        String id = portal.storePurchaseOrder("PO0001", "OPEN");
        assertThat(PortalLookup.purchaseOrder(c, "PO0001"))
                .isEqualTo(new PortalLookup.Found(id, "OPEN"));
        portal.failNext("/purchase-orders", 500, 500, 500);
        assertThat(PortalLookup.purchaseOrder(c, "PO0001"))
                .isInstanceOf(PortalLookup.Unknown.class);
    }

    private PortalClient client(String key, String secret) {
        return clients.forStep(
                company(),
                new CompanySecrets(key, secret, "x"),
                "uploadPayments",
                LOG,
                StepCancellation.NONE);
    }

    private Company company() {
        Company base = sage.company("co_portal", 1);
        CompanyConfig c = base.config();
        CompanyConfig config =
                new CompanyConfig(
                        new CompanyConfig.Portal(portal.url(), FakePortal.TENANT),
                        c.sql(),
                        c.databases(),
                        c.externalId(),
                        c.issuer(),
                        c.cron(),
                        c.timeZone(),
                        c.importer(),
                        c.downloadsPath(),
                        c.addressDefaults(),
                        c.skipLocations(),
                        c.mailRecipients());
        return new Company(
                base.id(),
                base.publicId(),
                base.tenant(),
                base.name(),
                config,
                base.sealedSecrets(),
                true,
                1,
                base.createdAt(),
                base.updatedAt());
    }
}
