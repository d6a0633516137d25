package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.company.Companies;
import dev.gatehouse.erpsync.company.CompanyAdministration;
import dev.gatehouse.erpsync.importer.Importer;
import dev.gatehouse.erpsync.ledger.Ledger;
import dev.gatehouse.erpsync.orders.PurchaseOrderChanges;
import dev.gatehouse.erpsync.orders.PurchaseOrderCreation;
import dev.gatehouse.erpsync.payments.PaymentUpload;
import dev.gatehouse.erpsync.portal.PortalClients;
import dev.gatehouse.erpsync.sage.SageDatabases;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.mail.Mailer;
import dev.gatehouse.licensing.License;
import dev.gatehouse.testing.TestClock;
import dev.gatehouse.testing.TestNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A running node's sync cycle rebuilt around a clock the test moves and timeouts at test values:
 * the seven steps in their order, the runner, the importer, and the use cases ({@link
 * SyncCycles#scheduledTick}, {@link SyncCycles#reapExpiredLocks}) on the node's own repositories,
 * license and mailer. Its Sage pools and portal client are its own, closed with it. Wired as {@code
 * CycleConfiguration} wires the node's.
 */
final class AcceleratedCycles implements AutoCloseable {

    final TestClock clock;
    final SyncSettings settings;
    final SyncCycles cycles;
    final SageDatabases databases;
    private final PortalClients portals;

    AcceleratedCycles(
            TestNode node, SyncSettings settings, TestClock clock, Duration importerGrace) {
        this.clock = clock;
        this.settings = settings;
        this.databases =
                new SageDatabases(settings.sqlQueryTimeout(), false, settings.portalConcurrency());
        this.portals = new PortalClients(settings.portalHttpTimeout(), Duration.ofMillis(10));
        Ledger ledger = node.bean(Ledger.class);
        Mailer mailer = node.bean(Mailer.class);
        PaymentUpload payments = new PaymentUpload(ledger, settings);
        PurchaseOrderCreation orders = new PurchaseOrderCreation(ledger, settings);
        PurchaseOrderChanges changes = new PurchaseOrderChanges(settings);
        List<SyncStep> steps = CycleConfiguration.steps(payments, orders, changes, mailer, false);
        CycleRunner runner =
                new CycleRunner(
                        steps,
                        node.bean(SyncRuns.class),
                        node.bean(SyncLocks.class),
                        databases,
                        portals,
                        settings,
                        clock,
                        new Importer(importerGrace),
                        new ImporterNotices(mailer, Optional.empty()));
        this.cycles =
                new SyncCycles(
                        node.bean(CompanyAdministration.class),
                        node.bean(Companies.class),
                        runner,
                        node.bean(SyncRuns.class),
                        node.bean(SyncLocks.class),
                        node.bean(License.class),
                        mailer,
                        Optional.empty(),
                        node.bean(AuditLog.class),
                        node.bean(PublicIds.class),
                        settings,
                        clock,
                        "soak-node");
    }

    @Override
    public void close() {
        cycles.close();
        portals.close();
        databases.close();
    }
}
