package dev.gatehouse.erpsync;

import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanyAdministration;
import dev.gatehouse.erpsync.company.CompanySecrets;
import dev.gatehouse.erpsync.demo.FakePortal;
import dev.gatehouse.erpsync.flow.StepContext;
import dev.gatehouse.erpsync.portal.PortalClients;
import dev.gatehouse.erpsync.sage.SageDatabases;
import dev.gatehouse.erpsync.step.StepCancellation;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * One company of a fresh tenant on a running node, backed by fresh H2 Sage databases and a fake
 * portal: the setting of a flow test. The clock of the flows is {@link #NOW} unless a test moves
 * it.
 */
public final class SyncScenario implements AutoCloseable {

    /** Monday 7 December 2026, 12:00 in Mexico City. */
    public static final Instant NOW = Instant.parse("2026-12-07T18:00:00Z");

    public final TestNode node;
    public final SageFixture sage;
    public final FakePortal portal;
    public final String adminKey;
    public final String companyId;
    private final PortalClients portals;

    /** The company's folder for the importer's files, fresh per scenario. */
    public final java.nio.file.Path downloads;

    private SyncScenario(TestNode node, Duration portalTimeout, SageFixture sage) {
        this.node = node;
        this.sage = sage;
        this.portal = FakePortal.start(SyncCompanies.PORTAL_KEY, SyncCompanies.PORTAL_SECRET);
        this.adminKey = Tenancy.newTenant(node).adminKey();
        var body =
                SyncCompanies.company(
                        "Copamex " + System.nanoTime(), portal.url(), sage.urlTemplate());
        @SuppressWarnings("unchecked")
        var portalBody = (java.util.Map<String, Object>) body.get("portal");
        portalBody.put("tenant_id", FakePortal.TENANT);
        @SuppressWarnings("unchecked")
        var sql = (java.util.Map<String, Object>) body.get("sql");
        sql.put("user", SageFixture.USER);
        sql.put("password", SageFixture.PASSWORD);
        body.put("cron", "0 0 1 1 *");
        this.companyId = SyncCompanies.created(node, adminKey, body);
        this.portals = new PortalClients(portalTimeout, Duration.ofMillis(10));
        try {
            this.downloads = java.nio.file.Files.createTempDirectory("sync-downloads");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SyncScenario start(TestNode node) {
        return new SyncScenario(node, Duration.ofSeconds(5), SageFixture.create());
    }

    /** With a shorter portal timeout, for lost answers. */
    public static SyncScenario start(TestNode node, Duration portalTimeout) {
        return new SyncScenario(node, portalTimeout, SageFixture.create());
    }

    /** With the Sage rows moved to today, for runs on the node's real clock. */
    public static SyncScenario startToday(TestNode node) {
        return new SyncScenario(
                node,
                Duration.ofSeconds(5),
                SageFixture.create(LocalDate.now(ZoneId.of("America/Mexico_City"))));
    }

    /** The portal has the POs FESA records as sent by SageConnect (PO0002 to PO0005). */
    public SyncScenario withPortalHistory() {
        for (int i = 2; i <= 5; i++) {
            portal.storePurchaseOrder("650a1b2c3d4e5f6a7b8c9d0" + i, "PO000" + i, "OPEN");
        }
        return this;
    }

    public Company company() {
        long tenant =
                owner().sql("select tenant_id from sync_companies where public_id = ?")
                        .param(companyId)
                        .query(Long.class)
                        .single();
        return node.bean(CompanyAdministration.class)
                .find(new TenantId(tenant), companyId)
                .orElseThrow();
    }

    public CompanySecrets secrets() {
        return node.bean(CompanyAdministration.class).secrets(company()).orElseThrow();
    }

    /** A step of this company at {@code now}. */
    public StepContext step(String name, Instant now) {
        return new StepContext(
                company(),
                secrets(),
                node.bean(SageDatabases.class),
                portals,
                name,
                LoggerFactory.getLogger("dev.gatehouse.erpsync.test"),
                StepCancellation.forStep(),
                now,
                downloads);
    }

    public JdbcClient owner() {
        return JdbcClient.create(TestDatabase.ownerOf(node.database()));
    }

    /** The ledger's rows of this company as "key state source attempts". */
    public List<String> ledger(String kind) {
        return owner().sql(
                        "select l.sage_key || ' ' || l.state || ' ' || coalesce(l.source, '-') || '"
                            + " ' || l.attempts from sync_ledger l join sync_companies c on c.id ="
                            + " l.company_id where c.public_id = ? and l.kind = ? order by"
                            + " l.sage_key")
                .param(companyId)
                .param(kind)
                .query(String.class)
                .list();
    }

    /** Rows of a query on one of the H2 Sage databases, columns joined with spaces. */
    public List<String> rows(String database, String sql) {
        try (Connection c = sage.connect(database);
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    cols.add(String.valueOf(rs.getObject(i)).strip());
                }
                out.add(String.join(" ", cols));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        portals.close();
        portal.close();
        node.bean(SageDatabases.class).evict(companyId);
        sage.close();
    }
}
