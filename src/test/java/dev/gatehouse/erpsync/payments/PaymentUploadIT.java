package dev.gatehouse.erpsync.payments;

import static dev.gatehouse.erpsync.SyncScenario.NOW;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.erpsync.SyncScenario;
import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.demo.FakePortal;
import dev.gatehouse.erpsync.ledger.Ledger;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;

/** {@code uploadPayments} against the H2 Sage databases and the fake portal. */
class PaymentUploadIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestNode node = TestNode.shared();
    private SyncScenario s;

    @AfterEach
    void close() {
        s.close();
    }

    private PaymentUpload upload() {
        return new PaymentUpload(
                node.bean(Ledger.class),
                node.bean(dev.gatehouse.kernel.config.Settings.class).section(SyncSettings.class));
    }

    @Test
    void readyPaymentsAreSentOnceWithTheirExactPayloadAndRecordedInFesa() {
        s = SyncScenario.start(node);
        s.portal.addProvider(
                JSON.createObjectNode()
                        .put("id", "64b7f0c2e4b0a1a2b3c4d5f0")
                        .put("rfc", "TGA010203XY9"));

        PaymentUpload.Summary first = upload().run(s.step(PaymentUpload.STEP, NOW));

        assertThat(first).isEqualTo(new PaymentUpload.Summary(5, 2, 0, 1, 1, 0, 0, 0, 1, 1, 0));
        assertThat(s.portal.requests("POST", "/payments"))
                .as("sent at once (SYNC_PORTAL_CONCURRENCY), in any order")
                .extracting(r -> r.json().get("external_id").asString())
                .containsExactlyInAnyOrder("PY0005", "PY0001");
        FakePortal.Recorded py1 =
                s.portal.requests("POST", "/payments").stream()
                        .filter(r -> r.json().get("external_id").asString().equals("PY0001"))
                        .findFirst()
                        .orElseThrow();
        assertThat(py1.json())
                .isEqualTo(
                        JSON.readTree(
                                """
                                {"bank_account_id":"0123456789","cfdis":[
                                 {"amount":11600.000,"currency":"MXN","exchange_rate":1,
                                  "payment_amount":11600.000,"payment_currency":"MXN",
                                  "uuid":"A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D"},
                                 {"amount":5800.000,"currency":"MXN","exchange_rate":1,
                                  "payment_amount":5800.000,"payment_currency":"MXN",
                                  "uuid":"B2C3D4E5-F6A7-4B8C-9D0E-1F2A3B4C5D6E"}],
                                 "comments":"Pago facturas noviembre","currency":"MXN",
                                 "external_id":"PY0001","ignore_amounts":false,"open":false,
                                 "operation_type":"TRANSFER",
                                 "payment_date":"2026-12-07T10:00:00.000Z",
                                 "provider_external_id":"P001","reference":"TRF-88123",
                                 "total_amount":17400.000}
                                """));
        assertThat(
                        s.rows(
                                "FESA",
                                "select NoPagoSage, status from fesaPagosFocaltec order by"
                                        + " NoPagoSage"))
                .containsExactly("PY0001 PAID", "PY0005 PAID", "PY0007 PAID");
        assertThat(
                        s.rows(
                                "COPDAT",
                                "select [VALUE] from APVENO where VENDORID = 'P002' and OPTFIELD ="
                                        + " 'PROVIDERID'"))
                .containsExactly("64b7f0c2e4b0a1a2b3c4d5f0");
        assertThat(s.ledger("payment"))
                .containsExactly(
                        "PY0001 sent gatehouse 1", "PY0005 sent gatehouse 1", "PY0007 sent fesa 0");

        PaymentUpload.Summary second =
                upload().run(s.step(PaymentUpload.STEP, NOW.plusSeconds(60)));

        assertThat(second.sent()).isEqualTo(1);
        assertThat(s.portal.requests("POST", "/payments"))
                .extracting(r -> r.json().get("external_id").asString())
                .hasSize(3)
                .endsWith("PY0002");
        assertThat(s.portal.requests("POST", "/payments"))
                .noneMatch(
                        r ->
                                r.body().contains("PY0007")
                                        || r.body().contains("PY0006")
                                        || r.body().contains("PY0008")
                                        || r.body().contains("PY0009"));
    }

    @Test
    void paymentsOfOneSupplierWithoutItsPortalIdWriteItOnceAndTheStepGoesOn() throws Exception {
        s = SyncScenario.start(node);
        try (java.sql.Connection c = s.sage.connect("COPDAT")) {
            c.createStatement()
                    .executeUpdate(
                            "delete from APVENO where VENDORID = 'P001' and OPTFIELD ="
                                    + " 'PROVIDERID'");
        }
        s.portal.addProvider(
                JSON.createObjectNode()
                        .put("id", "64b7f0c2e4b0a1a2b3c4d5e6")
                        .put("rfc", "PNO980101AB1"));

        PaymentUpload.Summary first = upload().run(s.step(PaymentUpload.STEP, NOW));

        assertThat(first.providerIdsResolved())
                .as("each of P001's due payments found its supplier's portal id")
                .isGreaterThanOrEqualTo(2);
        assertThat(
                        s.rows(
                                "COPDAT",
                                "select [VALUE] from APVENO where VENDORID = 'P001' and OPTFIELD ="
                                        + " 'PROVIDERID'"))
                .containsExactly("64b7f0c2e4b0a1a2b3c4d5e6");
        assertThat(s.portal.requests("POST", "/payments"))
                .extracting(r -> r.json().get("external_id").asString())
                .doesNotContain("PY0001", "PY0005");

        upload().run(s.step(PaymentUpload.STEP, NOW.plusSeconds(60)));
        assertThat(s.portal.requests("POST", "/payments"))
                .extracting(r -> r.json().get("external_id").asString())
                .contains("PY0001", "PY0005");
    }

    @Test
    void anInvoiceWithoutAUuidGetsItFromThePortalAndItsPaymentGoesNextTick() {
        s = SyncScenario.start(node);
        var cfdi =
                JSON.createObjectNode()
                        .put("id", "inv-q78")
                        .put("uuid", "d5e6f7a8-b9c0-4d1e-8f2a-3b4c5d6e7f81")
                        .put("serie", "Q-")
                        .put("folio", "78")
                        .put("cfdi_type", "INVOICE")
                        .put("stage", "PENDING_TO_PAY");
        cfdi.putObject("metadata").put("provider_id", "64b7f0c2e4b0a1a2b3c4d5e7");
        s.portal.addCfdi(cfdi);

        PaymentUpload.Summary first = upload().run(s.step(PaymentUpload.STEP, NOW));

        assertThat(first.uuidsResolved()).isEqualTo(1);
        assertThat(
                        s.rows(
                                "COPDAT",
                                "select [VALUE] from APIBHO where CNTBTCH = 501 and CNTITEM = 4"))
                .containsExactly("D5E6F7A8-B9C0-4D1E-8F2A-3B4C5D6E7F81");
        assertThat(s.portal.requests("POST", "/payments"))
                .noneMatch(r -> r.body().contains("PY0003"));

        upload().run(s.step(PaymentUpload.STEP, NOW.plusSeconds(60)));

        FakePortal.Recorded py3 =
                s.portal.requests("POST", "/payments").stream()
                        .filter(r -> r.body().contains("\"PY0003\""))
                        .findFirst()
                        .orElseThrow();
        assertThat(py3.json().get("cfdis").get(0).get("exchange_rate").decimalValue())
                .isEqualByComparingTo("17.25");
        assertThat(py3.json().get("cfdis").get(0).get("currency").asString()).isEqualTo("USD");
        assertThat(py3.json().get("cfdis").get(1).get("uuid").asString())
                .isEqualTo("D5E6F7A8-B9C0-4D1E-8F2A-3B4C5D6E7F81");
        assertThat(
                        s.rows(
                                "FESA",
                                "select status from fesaPagosFocaltec where NoPagoSage = 'PY0003'"))
                .as("Q-77 is not fully paid")
                .containsExactly("PARTIAL");
    }

    @Test
    void aPaymentWhoseAnswerWasLostIsLookedUpFoundAndNeverSentTwice() {
        s = SyncScenario.start(node, Duration.ofMillis(700));
        s.portal.loseAnswers(1, Duration.ofSeconds(3));

        PaymentUpload.Summary first = upload().run(s.step(PaymentUpload.STEP, NOW));

        assertThat(first.failed()).isEqualTo(1);
        assertThat(s.portal.payments()).hasSize(2);
        // PY0001 and PY0005 go at once (SYNC_PORTAL_CONCURRENCY): either may lose its answer.
        List<String> ledger = s.ledger("payment");
        String lost = ledger.contains("PY0005 unanswered - 1") ? "PY0005" : "PY0001";
        String sent = lost.equals("PY0005") ? "PY0001" : "PY0005";
        assertThat(ledger).contains(lost + " unanswered - 1", sent + " sent gatehouse 1");
        assertThat(s.rows("FESA", "select NoPagoSage from fesaPagosFocaltec order by NoPagoSage"))
                .containsExactlyInAnyOrder(sent, "PY0007");

        PaymentUpload.Summary tooSoon =
                upload().run(s.step(PaymentUpload.STEP, NOW.plus(Duration.ofMinutes(10))));
        assertThat(tooSoon.waiting()).isEqualTo(1);

        PaymentUpload.Summary later =
                upload().run(s.step(PaymentUpload.STEP, NOW.plus(Duration.ofMinutes(31))));

        assertThat(later.found()).isEqualTo(1);
        assertThat(s.portal.requests("POST", "/payments"))
                .extracting(r -> r.json().get("external_id").asString())
                .as("PY0004 has come of age; the lost one is not sent again")
                .containsExactlyInAnyOrder("PY0005", "PY0001", "PY0004")
                .endsWith("PY0004");
        assertThat(s.portal.requests("POST", "/payments"))
                .filteredOn(r -> r.body().contains("\"" + lost + "\""))
                .hasSize(1);
        assertThat(s.portal.requests("GET", "/payments"))
                .extracting(FakePortal.Recorded::query)
                .containsExactly("external_ids=" + lost + "&pageSize=1&offset=0");
        assertThat(s.ledger("payment")).contains(lost + " sent portal 2");
        assertThat(s.rows("FESA", "select NoPagoSage from fesaPagosFocaltec order by NoPagoSage"))
                .containsExactly("PY0001", "PY0004", "PY0005", "PY0007");
    }
}
