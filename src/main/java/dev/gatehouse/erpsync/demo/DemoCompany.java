package dev.gatehouse.erpsync.demo;

import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanyAdministration;
import dev.gatehouse.erpsync.company.CompanyRequests;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SageConnect without Sage, in development ({@code SYNC_DEMO}, never in production): while the
 * installation has no sync company, the first start gives its first tenant a demo company on an H2
 * database in SQL Server mode (under the data folder, seeded once with {@link DemoSage}'s rows
 * dated for that day) and this node's built-in {@link FakePortal} on loopback, seeded with a few
 * suppliers, invoices pending to pay and the POs SageConnect had sent. The demo license comes from
 * the node's own license server ({@code dev.gatehouse.licensing.DemoLicense}). The company runs on
 * its schedule like any other; its name says it is a demo. At every later start the fake portal
 * starts again on a new port and the company's portal URL follows it (the portal forgets what it
 * was sent; the ledger and FESA remember).
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
@Order(Ordered.LOWEST_PRECEDENCE) // after FirstBoot, which creates the first tenant
public final class DemoCompany implements ApplicationRunner, DisposableBean {

    static final String NAME = Demos.COMPANY_NAME;

    static final String PORTAL_KEY = "demo-portal-key";
    static final String PORTAL_SECRET = "demo-portal-secret-0123456789";

    /** The H2 demo database's password; it is a file under the data folder, not a server. */
    static final String SQL_PASSWORD = "demo-sage-password";

    static final String SQL_USER = "sageconnect";
    static final String ZONE = "America/Mexico_City";

    /** The demo company's RFC, as FESA's {@code RFCReceptor} parameter has it. */
    static final String RECEIVER_RFC = "CDA010101AAA";

    private static final Logger log = LoggerFactory.getLogger(DemoCompany.class);
    private static final SystemScope DEMO =
            new SystemScope("sync demo: is there any company, which tenant is first");
    private static final Actor BY = Actor.system("sync-demo");
    private static final JsonMapper SNAKE =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .build();

    private final SyncSettings sync;
    private final Path folder;
    private final CompanyAdministration companies;
    private final Transactions tx;
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile @Nullable FakePortal portal;

    DemoCompany(
            Settings settings,
            CompanyAdministration companies,
            Transactions tx,
            JdbcClient jdbc,
            Clock clock) {
        this.sync = settings.section(SyncSettings.class);
        this.folder = settings.dataDir().resolve("sync-demo").toAbsolutePath().normalize();
        this.companies = companies;
        this.tx = tx;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Existing(TenantId tenant, String publicId) {}

    /** The demo's fake portal while it runs: tests slow it down or make it fail through it. */
    public Optional<FakePortal> portal() {
        return Optional.ofNullable(portal);
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!sync.demo()) {
            return;
        }
        Optional<Existing> demo = existing();
        if (demo.isEmpty() && anyCompany()) {
            return; // a real company is configured: no demo
        }
        Optional<TenantId> tenant = demo.map(Existing::tenant).or(this::firstTenant);
        if (tenant.isEmpty()) {
            return; // no tenant yet
        }
        FakePortal started = FakePortal.start(PORTAL_KEY, PORTAL_SECRET);
        portal = started;
        seed(started, LocalDate.now(clock.withZone(ZoneId.of(ZONE))));
        String template = "jdbc:h2:file:" + folder + "/{database}" + DemoSage.H2_SETTINGS;
        if (!Files.exists(folder.resolve("COPDAT.mv.db"))) {
            Files.createDirectories(folder);
            DemoSage.seed(
                    template,
                    SQL_USER,
                    SQL_PASSWORD,
                    LocalDate.now(clock.withZone(ZoneId.of(ZONE))));
        }
        CompanyAdministration.Saved saved =
                demo.isPresent()
                        ? companies
                                .update(
                                        tenant.get(),
                                        demo.get().publicId(),
                                        body(Map.of("portal", Map.of("url", started.url()))),
                                        BY)
                                .orElseThrow()
                        : companies.create(
                                tenant.get(), body(company(started.url(), template)), BY);
        switch (saved) {
            case CompanyAdministration.Stored(Company c) ->
                    log.info(
                            "[INIT] SageConnect demo company {} ready: fake portal on {}, Sage on"
                                    + " H2 under {}",
                            c.publicId(),
                            started.url(),
                            folder);
            case CompanyAdministration.Rejected(var errors) ->
                    log.warn("[INIT] the SageConnect demo company was refused: {}", errors);
            case CompanyAdministration.Conflict(String code, String detail) ->
                    log.warn("[INIT] the SageConnect demo company was not created: {}", detail);
        }
    }

    @Override
    public void destroy() {
        FakePortal p = portal;
        if (p != null) {
            p.close();
        }
    }

    private Optional<Existing> existing() {
        return tx.inSystem(
                DEMO,
                () ->
                        jdbc.sql(
                                        "select tenant_id, public_id from sync_companies where name"
                                                + " = ? order by id limit 1")
                                .param(NAME)
                                .query(
                                        (rs, n) ->
                                                new Existing(
                                                        new TenantId(rs.getLong("tenant_id")),
                                                        rs.getString("public_id")))
                                .optional());
    }

    private boolean anyCompany() {
        return tx.inSystem(
                DEMO,
                () ->
                        jdbc.sql("select exists (select 1 from sync_companies)")
                                .query(Boolean.class)
                                .single());
    }

    private Optional<TenantId> firstTenant() {
        return tx.inSystem(
                DEMO,
                () ->
                        jdbc.sql("select id from tenants order by id limit 1")
                                .query(Long.class)
                                .optional()
                                .map(TenantId::new));
    }

    private static CompanyRequests.CompanyBody body(Map<String, Object> json) {
        return SNAKE.convertValue(json, CompanyRequests.CompanyBody.class);
    }

    private static Map<String, Object> company(String portalUrl, String template) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", NAME);
        body.put(
                "portal",
                Map.of(
                        "url",
                        portalUrl,
                        "tenant_id",
                        FakePortal.TENANT,
                        "key",
                        PORTAL_KEY,
                        "secret",
                        PORTAL_SECRET));
        body.put(
                "sql",
                Map.of(
                        "host",
                        "localhost",
                        "port",
                        1433,
                        "user",
                        SQL_USER,
                        "password",
                        SQL_PASSWORD,
                        "url_template",
                        template,
                        "trust_server_certificate",
                        false)); // H2 speaks no TLS: nothing to trust, nothing to warn about
        body.put("databases", Map.of("company", "COPDAT"));
        body.put("external_id", "CDA010101AAA");
        body.put(
                "issuer",
                Map.of("name", "Copamex Datos SA de CV", "rfc", "CDA010101AAA", "regime", "601"));
        body.put("cron", "*/5 * * * *");
        body.put("time_zone", ZONE);
        body.put(
                "address_defaults",
                Map.of("street", "Av. Industria 100", "city", "Monterrey", "zip", "64000"));
        body.put("skip_locations", List.of("TRANS"));
        return body;
    }

    /**
     * The portal side of the demo: the suppliers of the Sage rows (the first with its full
     * expedient and bank account), two invoices pending to pay that Sage already has, a third it
     * has not (with its XML, for {@code downloadCFDI} to write), a payment complement of PY0001
     * (for {@code checkPayments} to stamp in Sage), and the POs FESA records as sent by
     * SageConnect.
     */
    private static void seed(FakePortal portal, LocalDate today) {
        portal.addProvider(
                expedient(
                        provider(
                                "64b7f0c2e4b0a1a2b3c4d5e6",
                                "PNO980101AB1",
                                "P001",
                                "Papelera del Norte SA de CV"),
                        today));
        portal.addProvider(
                provider("64b7f0c2e4b0a1a2b3c4d5f0", "TGA010203XY9", "P002", "Transportes García"));
        portal.addProvider(
                provider("64b7f0c2e4b0a1a2b3c4d5e7", "QIB050505QQ1", "P003", "Químicos del Bajío"));
        portal.addCfdi(pending("demo-f1001", "A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D", "F-1001"));
        portal.addCfdi(pending("demo-f1002", "B2C3D4E5-F6A7-4B8C-9D0E-1F2A3B4C5D6E", "F-1002"));
        String newInvoice = "C3D4E5F6-A7B8-4C9D-8E0F-2A3B4C5D6E7F";
        ObjectNode f1003 = pending("demo-f1003", newInvoice, "F-1003");
        f1003.putObject("receiver").put("rfc", RECEIVER_RFC);
        ObjectNode info =
                ((ObjectNode) f1003.get("metadata")).putArray("additional_info").addObject();
        info.putObject("field").put("external_id", "OC");
        info.putObject("value").put("raw", "PO0001");
        portal.addCfdi(
                f1003,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cfdi:Comprobante"
                        + " xmlns:cfdi=\"http://www.sat.gob.mx/cfd/4\" Folio=\"1003\""
                        + " Total=\"3480.00\"><cfdi:Emisor Rfc=\"PNO980101AB1\"/><cfdi:Receptor"
                        + " Rfc=\""
                        + RECEIVER_RFC
                        + "\"/><cfdi:Complemento UUID=\""
                        + newInvoice
                        + "\"/></cfdi:Comprobante>");
        ObjectNode complement =
                SNAKE.createObjectNode()
                        .put("id", "demo-rep1")
                        .put("uuid", "D4E5F6A7-B8C9-4D0E-9F1A-3B4C5D6E7F80")
                        .put("cfdi_type", "PAYMENT_CFDI");
        complement.putObject("receiver").put("rfc", RECEIVER_RFC);
        complement
                .putObject("timbre")
                .put("uuid", "D4E5F6A7-B8C9-4D0E-9F1A-3B4C5D6E7F80")
                .put("fecha_timbrado", today + "T10:30:05-06:00");
        complement
                .putObject("metadata")
                .putObject("payment_info")
                .putArray("payments")
                .addObject()
                .put("external_id", "PY0001");
        portal.addCfdi(complement);
        for (int i = 2; i <= 5; i++) {
            portal.storePurchaseOrder("650a1b2c3d4e5f6a7b8c9d0" + i, "PO000" + i, "OPEN");
        }
    }

    /** The supplier's expedient as the portal returns it: address, contact, bank account. */
    private static ObjectNode expedient(ObjectNode provider, LocalDate today) {
        provider.put("type", "NACIONAL").put("credit_days", 30).put("tax_id", "");
        ObjectNode exp = provider.putObject("expedient").put("approved", today + "T09:15:30.250Z");
        exp.putArray("addresses")
                .addObject()
                .put("street", "Av. Reforma")
                .put("exterior_number", "100")
                .put("interior_number", "")
                .put("suburb", "Centro")
                .put("locality", "")
                .put("city", "Monterrey")
                .put("state", "Nuevo Leon")
                .put("country", "MEX")
                .put("zip", "64000");
        exp.putArray("contacts")
                .addObject()
                .put("name", "Ana Pérez")
                .put("email", "ana@papelera.example")
                .put("phone", "8112345678");
        exp.putArray("bank_accounts")
                .addObject()
                .put("bank", "BANORTE")
                .put("clabe", "072580001234567890")
                .put("account", "0123456789")
                .put("currency", "MXN");
        exp.putArray("fields")
                .addObject()
                .put("field_external_id", "GRUPO_DE_PROVEEDORES")
                .put("value_external_id", "NAC");
        return provider;
    }

    private static ObjectNode provider(String id, String rfc, String externalId, String name) {
        return SNAKE.createObjectNode()
                .put("id", id)
                .put("rfc", rfc)
                .put("external_id", externalId)
                .put("name", name)
                .put("status", "ENABLED");
    }

    private static ObjectNode pending(String id, String uuid, String folio) {
        ObjectNode cfdi =
                SNAKE.createObjectNode()
                        .put("id", id)
                        .put("uuid", uuid)
                        .put("folio", folio)
                        .put("cfdi_type", "INVOICE")
                        .put("stage", "PENDING_TO_PAY");
        cfdi.putObject("metadata").put("provider_id", "64b7f0c2e4b0a1a2b3c4d5e6");
        return cfdi;
    }
}
