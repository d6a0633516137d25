package dev.gatehouse.erpsync.orders;

import static dev.gatehouse.erpsync.SyncScenario.NOW;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.erpsync.SyncScenario;
import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.demo.FakePortal;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/** {@code processOrderChanges} and {@code closePurchaseOrders} on POs SageConnect had sent. */
class PurchaseOrderChangesIT {

    private final TestNode node = TestNode.shared();
    private SyncScenario s;

    @AfterEach
    void close() {
        s.close();
    }

    private PurchaseOrderChanges changes() {
        return new PurchaseOrderChanges(node.bean(Settings.class).section(SyncSettings.class));
    }

    @Test
    void aFullCancellationCancelsThePoOnceAndAPartialOneSendsTheOutstandingLines() {
        s = SyncScenario.start(node).withPortalHistory();

        PurchaseOrderChanges.Changes first =
                changes().changes(s.step(PurchaseOrderChanges.CHANGES_STEP, NOW));

        assertThat(first).isEqualTo(new PurchaseOrderChanges.Changes(1, 1, 1, 1, 0));
        assertThat(
                        s.portal
                                .purchaseOrders()
                                .get("650a1b2c3d4e5f6a7b8c9d03")
                                .get("status")
                                .asString())
                .isEqualTo("CANCELLED");
        FakePortal.Recorded update =
                s.portal.requests("PUT", "/purchase-orders/650a1b2c3d4e5f6a7b8c9d05").getFirst();
        assertThat(update.json().get("lines").size()).isEqualTo(1);
        assertThat(update.json().get("lines").get(0).get("code").asString()).isEqualTo("REA-B-5L");
        assertThat(update.json().get("lines").get(0).get("quantity").decimalValue())
                .isEqualByComparingTo("15");
        assertThat(update.json().get("lines").get(0).get("total").decimalValue())
                .isEqualByComparingTo("1500");
        assertThat(s.rows("FESA", "select status from fesaOCFocaltec where ocSage = 'PO0003'"))
                .containsExactly("CANCELLED");

        PurchaseOrderChanges.Changes second =
                changes()
                        .changes(
                                s.step(
                                        PurchaseOrderChanges.CHANGES_STEP,
                                        NOW.plus(Duration.ofMinutes(15))));

        assertThat(second.ordersCancelled()).isZero();
        assertThat(s.portal.requests("PUT", "/650a1b2c3d4e5f6a7b8c9d03/status")).hasSize(1);
    }

    @Test
    void aCompletedAndFullyInvoicedPoIsClosed() {
        s = SyncScenario.start(node).withPortalHistory();

        PurchaseOrderChanges.Closing closing =
                changes().closing(s.step(PurchaseOrderChanges.CLOSING_STEP, NOW));

        assertThat(closing).isEqualTo(new PurchaseOrderChanges.Closing(1, 1, 0));
        assertThat(s.portal.requests("PUT", "/status"))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.path())
                                    .endsWith("/purchase-orders/650a1b2c3d4e5f6a7b8c9d04/status");
                            assertThat(r.json().get("status").asString()).isEqualTo("CLOSED");
                        });
        assertThat(s.rows("FESA", "select status from fesaOCFocaltec where ocSage = 'PO0004'"))
                .containsExactly("CLOSED");
        assertThat(changes().closing(s.step(PurchaseOrderChanges.CLOSING_STEP, NOW)).completed())
                .isZero();
    }

    @Test
    void aPortalErrorIsCountedAndTriedAgainNextTick() {
        s = SyncScenario.start(node).withPortalHistory();
        s.portal.failNext("/650a1b2c3d4e5f6a7b8c9d04/status", 500);

        assertThat(changes().closing(s.step(PurchaseOrderChanges.CLOSING_STEP, NOW)).errors())
                .isEqualTo(1);
        assertThat(s.rows("FESA", "select status from fesaOCFocaltec where ocSage = 'PO0004'"))
                .containsExactly("POSTED");
        assertThat(changes().closing(s.step(PurchaseOrderChanges.CLOSING_STEP, NOW)).closed())
                .isEqualTo(1);
    }
}
