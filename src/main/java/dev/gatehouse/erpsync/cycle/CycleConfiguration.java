package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.company.Companies;
import dev.gatehouse.erpsync.company.CompanyAdministration;
import dev.gatehouse.erpsync.documents.CfdiDownload;
import dev.gatehouse.erpsync.documents.ProvidersXml;
import dev.gatehouse.erpsync.importer.Importer;
import dev.gatehouse.erpsync.ledger.Ledger;
import dev.gatehouse.erpsync.orders.PurchaseOrderChanges;
import dev.gatehouse.erpsync.orders.PurchaseOrderCreation;
import dev.gatehouse.erpsync.payments.PaymentComplements;
import dev.gatehouse.erpsync.payments.PaymentReconciliation;
import dev.gatehouse.erpsync.payments.PaymentUpload;
import dev.gatehouse.erpsync.portal.PortalClients;
import dev.gatehouse.erpsync.sage.SageDatabases;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.mail.Mailer;
import dev.gatehouse.licensing.License;
import dev.gatehouse.licensing.LicensingSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Wires the cycle when SageConnect is on: the steps in their order, the runner, the use cases and
 * the schedule.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
class CycleConfiguration {

    /** How long a stopped importer may take to end before its process tree is killed. */
    static final Duration IMPORTER_GRACE = Duration.ofSeconds(30);

    /** This node's name in runs and in db-scheduler's {@code picked_by}. */
    private final String node = nodeName();

    @Bean(destroyMethod = "close")
    PortalClients portalClients(Settings settings) {
        SyncSettings sync = settings.section(SyncSettings.class);
        return new PortalClients(
                sync.portalHttpTimeout(), sync.allowPrivatePortal(), sync.dryRun());
    }

    @Bean
    PaymentUpload paymentUpload(Ledger ledger, Settings settings) {
        return new PaymentUpload(ledger, settings.section(SyncSettings.class));
    }

    @Bean
    PaymentReconciliation paymentReconciliation(Ledger ledger, PaymentUpload upload) {
        return new PaymentReconciliation(ledger, upload);
    }

    @Bean
    PurchaseOrderChanges purchaseOrderChanges(Settings settings) {
        return new PurchaseOrderChanges(settings.section(SyncSettings.class));
    }

    @Bean
    PurchaseOrderCreation purchaseOrderCreation(Ledger ledger, Settings settings) {
        return new PurchaseOrderCreation(ledger, settings.section(SyncSettings.class));
    }

    /**
     * The seven steps in the cycle's order: {@code buildProviders}, {@code downloadCFDI}, {@code
     * checkPayments}, {@code uploadPayments}, {@code createPurchaseOrders}, {@code
     * processOrderChanges}, {@code closePurchaseOrders}.
     */
    @Bean
    CycleRunner cycleRunner(
            PaymentUpload payments,
            PurchaseOrderCreation orders,
            PurchaseOrderChanges changes,
            SyncRuns runs,
            SyncLocks locks,
            SageDatabases databases,
            PortalClients portals,
            Settings settings,
            Clock clock,
            Mailer mailer) {
        List<SyncStep> steps =
                steps(
                        payments,
                        orders,
                        changes,
                        mailer,
                        settings.section(SyncSettings.class).dryRun());
        return new CycleRunner(
                steps,
                runs,
                locks,
                databases,
                portals,
                settings.section(SyncSettings.class),
                clock,
                new Importer(IMPORTER_GRACE),
                new ImporterNotices(
                        mailer, settings.section(LicensingSettings.class).adminEmail()));
    }

    /** The seven steps in the cycle's order, for the runner and for tests that drive it. */
    static List<SyncStep> steps(
            PaymentUpload payments,
            PurchaseOrderCreation orders,
            PurchaseOrderChanges changes,
            Mailer mailer,
            boolean dryRun) {
        ProvidersXml providers = new ProvidersXml(dryRun);
        CfdiDownload cfdis = new CfdiDownload(dryRun);
        PaymentComplements complements = new PaymentComplements(mailer);
        return List.of(
                SyncStep.of(ProvidersXml.STEP, ProvidersXml.class, providers::run),
                SyncStep.of(CfdiDownload.STEP, CfdiDownload.class, cfdis::run),
                SyncStep.of(PaymentComplements.STEP, PaymentComplements.class, complements::run),
                SyncStep.of(PaymentUpload.STEP, PaymentUpload.class, payments::run),
                SyncStep.of(PurchaseOrderCreation.STEP, PurchaseOrderCreation.class, orders::run),
                SyncStep.of(
                        PurchaseOrderChanges.CHANGES_STEP,
                        PurchaseOrderChanges.class,
                        changes::changes),
                SyncStep.of(
                        PurchaseOrderChanges.CLOSING_STEP,
                        PurchaseOrderChanges.class,
                        changes::closing));
    }

    @Bean(destroyMethod = "close")
    SyncCycles syncCycles(
            CompanyAdministration companies,
            Companies companyRows,
            CycleRunner runner,
            SyncRuns runs,
            SyncLocks locks,
            License license,
            Mailer mailer,
            AuditLog audit,
            PublicIds ids,
            Settings settings,
            Clock clock) {
        return new SyncCycles(
                companies,
                companyRows,
                runner,
                runs,
                locks,
                license,
                mailer,
                settings.section(LicensingSettings.class).adminEmail(),
                audit,
                ids,
                settings.section(SyncSettings.class),
                clock,
                node);
    }

    @Bean
    SyncSchedule syncSchedule(
            DataSource dataSource, Companies companies, SyncCycles cycles, Settings settings) {
        return new SyncSchedule(
                dataSource,
                companies,
                cycles,
                settings.section(SyncSettings.class).schedulerPolling(),
                node);
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host
                + "-"
                + ProcessHandle.current().pid()
                + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
