package dev.gatehouse.erpsync.orders;

import static dev.gatehouse.erpsync.SyncScenario.NOW;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.erpsync.SyncScenario;
import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.demo.FakePortal;
import dev.gatehouse.erpsync.ledger.Ledger;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import java.sql.Connection;
import java.time.Duration;

/** {@code createPurchaseOrders} against the H2 Sage databases and the fake portal. */
class PurchaseOrderCreationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestNode node = TestNode.shared();
    private SyncScenario s;

    @AfterEach
    void close() {
        s.close();
    }

    private PurchaseOrderCreation creation() {
        return new PurchaseOrderCreation(
                node.bean(Ledger.class), node.bean(Settings.class).section(SyncSettings.class));
    }

    @Test
    void anApprovedPoIsSentOnceWithItsExactPayloadAndHistoryIsNeverSent() {
        s = SyncScenario.start(node);

        PurchaseOrderCreation.Summary summary =
                creation().run(s.step(PurchaseOrderCreation.STEP, NOW));

        assertThat(summary).isEqualTo(new PurchaseOrderCreation.Summary(1, 1, 0, 4, 1, 0, 0, 0, 0));
        assertThat(s.portal.requests("POST", "/purchase-orders")).hasSize(1);
        assertThat(s.portal.requests("POST", "/purchase-orders").getFirst().json())
                .isEqualTo(
                        JSON.readTree(
                                """
                                {"acceptance_status":"ACCEPTED",
                                 "addresses":[{"type":"SHIPPING","street":"Av. Constitucion 500",
                                   "municipality":"Centro","city":"Monterrey","state":"Nuevo Leon",
                                   "country":"Mexico","zip":"64000","identifier":"GEN"}],
                                 "cfdi_payment_form":"F99","cfdi_payment_method":"PPD",
                                 "cfdi_use":"G03",
                                 "comments":"Papel bond carta Entregar en almacen general",
                                 "company_external_id":"CDA010101AAA","currency":"MXN",
                                 "date":"2026-12-05","delivery_date":"2026-12-15",
                                 "delivery_contact":"Juan Perez","exchange_rate":1.0000000,
                                 "external_id":"PO0001",
                                 "metadata":[{"AFE":"AFE-2026-17"},{"REQUISICION":"RQ0311"},
                                   {"CONDICIONES":"30"},{"USUARIO_DE_COMPRA":"Juan Perez"}],
                                 "num":"PO0001","provider_external_id":"P001",
                                 "reference":"REQ-2026-311","requested_by_contact":"MGARCIA",
                                 "requisition_number":"RQ0311","status":"OPEN",
                                 "subtotal":10000.000,"total":11600.000,"vat_sum":1600.000,
                                 "withhold_tax_sum":0,"warehouse":"GEN",
                                 "lines":[
                                  {"code":"PAP-BOND-CT","description":"Papel bond carta 75 g",
                                   "external_id":"1","num":1,"price":95.000000,"quantity":80.0000,
                                   "subtotal":7600.000,"total":7600.000,"unit_of_measure":"CAJA",
                                   "taxes":[],"withholding_taxes":[]},
                                  {"code":"PAP-BOND-OF","description":"Papel bond oficio 75 g",
                                   "external_id":"2","num":2,"price":120.000000,"quantity":20.0000,
                                   "subtotal":2400.000,"total":2400.000,"unit_of_measure":"CAJA",
                                   "taxes":[],"withholding_taxes":[]}]}
                                """));
        String id = s.portal.purchaseOrders().keySet().iterator().next();
        assertThat(
                        s.rows(
                                "FESA",
                                "select ocSage, status, idFocaltec from fesaOCFocaltec where ocSage"
                                        + " = 'PO0001'"))
                .containsExactly("PO0001 POSTED " + id);
        assertThat(s.ledger("purchase_order"))
                .containsExactly(
                        "PO0001 sent gatehouse 1",
                        "PO0002 sent fesa 0",
                        "PO0003 sent fesa 0",
                        "PO0004 sent fesa 0",
                        "PO0005 sent fesa 0");

        creation().run(s.step(PurchaseOrderCreation.STEP, NOW.plus(Duration.ofDays(1))));
        assertThat(s.portal.requests("POST", "/purchase-orders")).hasSize(1);
    }

    @Test
    void anInvalidPoIsNotSentAndLeavesAnErrorRowInFesa() throws Exception {
        s = SyncScenario.start(node);
        try (Connection c = s.sage.connect("COPDAT")) {
            c.createStatement()
                    .executeUpdate("update ICLOC set ZIP = '640' where LOCATION = 'GEN'");
        }

        PurchaseOrderCreation.Summary summary =
                creation().run(s.step(PurchaseOrderCreation.STEP, NOW));

        assertThat(summary.invalid()).isEqualTo(1);
        assertThat(s.portal.requests("POST", "/purchase-orders")).isEmpty();
        assertThat(
                        s.rows(
                                "FESA",
                                "select status, responseAPI from fesaOCFocaltec where ocSage ="
                                        + " 'PO0001'"))
                .containsExactly("ERROR VALIDATION: zip must have 5 digits, was '640'");
        assertThat(s.ledger("purchase_order")).contains("PO0001 failed - 1");
    }

    @Test
    void aPoWhoseAnswerWasLostIsFoundAtThePortalAndNeverSentTwice() {
        s = SyncScenario.start(node, Duration.ofMillis(700));
        s.portal.loseAnswers(1, Duration.ofSeconds(3));

        creation().run(s.step(PurchaseOrderCreation.STEP, NOW));
        assertThat(s.ledger("purchase_order")).contains("PO0001 unanswered - 1");
        assertThat(s.portal.purchaseOrders()).hasSize(1);

        PurchaseOrderCreation.Summary later =
                creation()
                        .run(s.step(PurchaseOrderCreation.STEP, NOW.plus(Duration.ofMinutes(240))));

        assertThat(later.found()).isEqualTo(1);
        assertThat(s.portal.requests("POST", "/purchase-orders")).hasSize(1);
        assertThat(s.portal.requests("GET", "/purchase-orders"))
                .extracting(FakePortal.Recorded::query)
                .containsExactly("external_ids=PO0001&pageSize=1&offset=0");
        String id = s.portal.purchaseOrders().keySet().iterator().next();
        assertThat(
                        s.rows(
                                "FESA",
                                "select status, idFocaltec, responseAPI from fesaOCFocaltec where"
                                        + " ocSage = 'PO0001' order by id"))
                .containsExactly("ERROR  timeout after 700 ms", "POSTED " + id + " PORTAL-CHECK");
        assertThat(s.ledger("purchase_order")).contains("PO0001 sent portal 2");
    }
}
