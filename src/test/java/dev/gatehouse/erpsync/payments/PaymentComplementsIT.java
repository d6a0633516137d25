package dev.gatehouse.erpsync.payments;

import static dev.gatehouse.erpsync.SyncScenario.NOW;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.erpsync.SyncScenario;
import dev.gatehouse.kernel.mail.Mailer;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.sql.Connection;

/** {@code checkPayments}: payment complements written back to {@code APTCRO}. */
class PaymentComplementsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestNode node = TestNode.shared();
    private SyncScenario s;

    @AfterEach
    void close() {
        s.close();
    }

    private static ObjectNode complement(
            String id, String uuid, String receiver, String docNumber, String paymentId) {
        ObjectNode c =
                JSON.createObjectNode()
                        .put("id", id)
                        .put("uuid", uuid)
                        .put("cfdi_type", "PAYMENT_CFDI");
        c.putObject("receiver").put("rfc", receiver);
        c.putObject("timbre").put("uuid", uuid).put("fecha_timbrado", "2026-12-06T17:30:05-06:00");
        if (docNumber != null) {
            c.putObject("metadata")
                    .putObject("payment_info")
                    .putArray("payments")
                    .addObject()
                    .put("external_id", docNumber);
        } else {
            c.putArray("payment_complement_info").addObject().put("payment_id", paymentId);
        }
        return c;
    }

    @Test
    void complementsAreWrittenToTheirSagePaymentsOnceAndOtherReceiversAreIgnored()
            throws Exception {
        s = SyncScenario.start(node);
        try (Connection c = s.sage.connect("COPDAT")) {
            c.createStatement()
                    .executeUpdate(
                            "insert into APTCRO (BTCHTYPE, CNTBTCH, CNTENTR, OPTFIELD, [VALUE],"
                                + " [TYPE], [LENGTH], DECIMALS, ALLOWNULL, VALIDATE, SWSET,"
                                + " AUDTDATE, AUDTTIME, AUDTUSER, AUDTORG) values ('PY', 701, 3,"
                                + " 'FOLIOCFD', '', 1, 60, 0, 0, 0, 1, 20261201, 0, 'ADMIN',"
                                + " 'COPDAT')");
        }
        s.portal.storePayment("660b1c2d3e4f5a6b7c8d9e05", "PY0005");
        s.portal.addCfdi(
                complement(
                        "r1",
                        "11111111-2222-4333-8444-555555555551",
                        "CDA010101AAA",
                        "PY0001",
                        null));
        s.portal.addCfdi(
                complement(
                        "r2",
                        "11111111-2222-4333-8444-555555555552",
                        "CDA010101AAA",
                        null,
                        "660b1c2d3e4f5a6b7c8d9e05"));
        s.portal.addCfdi(
                complement(
                        "r3",
                        "11111111-2222-4333-8444-555555555553",
                        "CDA010101AAA",
                        "PY0003",
                        null));
        s.portal.addCfdi(
                complement(
                        "r4",
                        "11111111-2222-4333-8444-555555555554",
                        "XAXX010101000",
                        "PY0004",
                        null));
        s.portal.addCfdi(
                complement(
                        "r5",
                        "11111111-2222-4333-8444-555555555555",
                        "CDA010101AAA",
                        "PY9999",
                        null));
        PaymentComplements step = new PaymentComplements(node.bean(Mailer.class));

        PaymentComplements.Summary first = step.run(s.step(PaymentComplements.STEP, NOW));

        assertThat(first).isEqualTo(new PaymentComplements.Summary(5, 3, 0, 1, 0));
        assertThat(
                        s.rows(
                                "COPDAT",
                                "select CNTENTR, OPTFIELD, [VALUE], AUDTTIME from APTCRO order by"
                                        + " CNTENTR, OPTFIELD"))
                .containsExactly(
                        "1 FECHATIMBRE 2026-12-06T17:30:05 23165973",
                        "1 FOLIOCFD 11111111-2222-4333-8444-555555555551 23165973",
                        "3 FECHATIMBRE 2026-12-06T17:30:05 23165973",
                        "3 FOLIOCFD 11111111-2222-4333-8444-555555555553 0",
                        "5 FECHATIMBRE 2026-12-06T17:30:05 23165973",
                        "5 FOLIOCFD 11111111-2222-4333-8444-555555555552 23165973");

        PaymentComplements.Summary second = step.run(s.step(PaymentComplements.STEP, NOW));
        assertThat(second.alreadyStamped()).isEqualTo(3);
        assertThat(second.stamped()).isZero();
    }
}
