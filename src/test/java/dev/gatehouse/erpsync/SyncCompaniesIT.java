package dev.gatehouse.erpsync;

import static dev.gatehouse.erpsync.SyncCompanies.PORTAL_KEY;
import static dev.gatehouse.erpsync.SyncCompanies.PORTAL_SECRET;
import static dev.gatehouse.erpsync.SyncCompanies.SQL_PASSWORD;
import static dev.gatehouse.erpsync.SyncCompanies.company;
import static dev.gatehouse.erpsync.SyncCompanies.create;
import static dev.gatehouse.erpsync.SyncCompanies.created;
import static dev.gatehouse.erpsync.SyncCompanies.patch;
import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.erpsync.company.CompanyAdministration;
import dev.gatehouse.erpsync.company.CompanySecrets;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/sync/companies}: one test per outcome; secrets go in and never come out (answers,
 * tables, audit, logs); another tenant's company is a 404.
 */
class SyncCompaniesIT {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
    }

    @Test
    void aCreatedCompanyIsShownWithItsDefaultsAndWithoutItsSecrets() {
        String key = Tenancy.newTenant(node).adminKey();
        Map<String, Object> body = company("Copamex Datos");
        ((Map<?, ?>) body.get("sql")).remove("port");
        body.remove("cron");
        body.remove("time_zone");

        Http.Response r = create(node, key, body);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(c.get("id").asString()).startsWith("co_");
        assertThat(c.get("portal").get("url").asString())
                .isEqualTo("https://api-sandbox.portaldeproveedores.mx");
        assertThat(c.get("sql").get("port").asInt()).isEqualTo(1433);
        assertThat(c.get("sql").get("trust_server_certificate").asBoolean()).isTrue();
        assertThat(c.get("databases").get("control").asString()).isEqualTo("FESA");
        assertThat(c.get("databases").get("approvals").asString())
                .isEqualTo("Autorizaciones_electronicas");
        assertThat(c.get("cron").asString()).isEqualTo("*/15 * * * *");
        assertThat(c.get("time_zone").asString()).isEqualTo("America/Mexico_City");
        assertThat(c.get("downloads_path").asString()).isEqualTo("downloads");
        assertThat(c.get("enabled").asBoolean()).isTrue();
        assertNoSecret(r.body());

        Http.Response got = node.http().get("/v1/sync/companies/" + c.get("id").asString(), key);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("name").asString()).isEqualTo("Copamex Datos");
        assertNoSecret(got.body());
        Http.Response list = node.http().get("/v1/sync/companies", key);
        assertThat(list.json().get("data").get(0).get("id").asString())
                .isEqualTo(c.get("id").asString());
    }

    @Test
    void anInvalidBodyIs400WithEveryFieldAndCreatesNothing() {
        String key = Tenancy.newTenant(node).adminKey();
        Map<String, Object> body = company("Bad");
        Map<String, Object> sql = new LinkedHashMap<>();
        sql.put("host", "sage;internal");
        sql.put("user", "sa");
        sql.put("url_template", "jdbc:mysql://{host}/{database}");
        body.put("sql", sql);
        body.put("databases", Map.of("company", "COPDAT];DROP", "control", "FE SA"));
        body.put("issuer", Map.of("name", "X", "rfc", "not-an-rfc", "regime", "6O1"));
        body.put("cron", "*/15 * * *");
        body.put("time_zone", "Mars/Olympus");
        body.put("importer", Map.of("program", "/bin/sh", "argument", "-c"));
        body.put("downloads_path", "../../etc");
        body.put("skip_locations", List.of("OK", "no spaces"));
        body.put("mail_recipients", List.of("not-an-address"));

        Http.Response r = create(node, key, body);

        assertProblem(r, 400, "invalid_request");
        assertThat(fields(r))
                .containsExactlyInAnyOrder(
                        "sql.host",
                        "sql.password",
                        "sql.url_template",
                        "databases.company",
                        "databases.control",
                        "issuer.rfc",
                        "issuer.regime",
                        "cron",
                        "time_zone",
                        "importer.program",
                        "downloads_path",
                        "skip_locations[1]",
                        "mail_recipients[0]");
        assertThat(r.body()).doesNotContain(PORTAL_KEY).doesNotContain(PORTAL_SECRET);
        assertThat(node.http().get("/v1/sync/companies", key).json().get("data").size()).isZero();
    }

    @Test
    void anUnknownFieldIs400() {
        Map<String, Object> body = company("Unknown field");
        body.put("database", "COPDAT");
        assertProblem(
                create(node, Tenancy.newTenant(node).adminKey(), body), 400, "invalid_request");
    }

    @Test
    void aPatchChangesWhatItNamesAndKeepsTheSecretsItOmits() {
        String key = Tenancy.newTenant(node).adminKey();
        String id = created(node, key, company("Patched"));

        Http.Response r =
                patch(
                        node,
                        key,
                        id,
                        Map.of(
                                "portal",
                                Map.of("tenant_id", "copamex-2"),
                                "cron",
                                "0 * * * *",
                                "enabled",
                                false));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("portal").get("tenant_id").asString()).isEqualTo("copamex-2");
        assertThat(r.json().get("portal").get("url").asString())
                .isEqualTo("https://api-sandbox.portaldeproveedores.mx");
        assertThat(r.json().get("cron").asString()).isEqualTo("0 * * * *");
        assertThat(r.json().get("enabled").asBoolean()).isFalse();
        assertThat(r.json().get("databases").get("company").asString()).isEqualTo("COPDAT");
        assertThat(secrets(id))
                .isEqualTo(new CompanySecrets(PORTAL_KEY, PORTAL_SECRET, SQL_PASSWORD));

        String rotated = "pdp-secret-rotated-" + "1".repeat(20);
        assertThat(patch(node, key, id, Map.of("portal", Map.of("secret", rotated))).status())
                .isEqualTo(200);
        assertThat(secrets(id)).isEqualTo(new CompanySecrets(PORTAL_KEY, rotated, SQL_PASSWORD));
    }

    @Test
    void anInvalidPatchIs400AndChangesNothing() {
        String key = Tenancy.newTenant(node).adminKey();
        String id = created(node, key, company("Unchanged"));

        Http.Response r =
                patch(node, key, id, Map.of("cron", "every minute", "sql", Map.of("port", 0)));

        assertProblem(r, 400, "invalid_request");
        assertThat(fields(r)).containsExactlyInAnyOrder("cron", "sql.port");
        JsonNode stored = node.http().get("/v1/sync/companies/" + id, key).json();
        assertThat(stored.get("cron").asString()).isEqualTo("*/15 * * * *");
        assertThat(stored.get("sql").get("port").asInt()).isEqualTo(1433);
    }

    @Test
    void anotherTenantsCompanyIs404ToReadAndToChange() {
        String owner = Tenancy.newTenant(node).adminKey();
        String id = created(node, owner, company("Theirs"));
        String stranger = Tenancy.newTenant(node).adminKey();

        assertProblem(node.http().get("/v1/sync/companies/" + id, stranger), 404, "not_found");
        assertProblem(patch(node, stranger, id, Map.of("name", "Mine")), 404, "not_found");
        assertProblem(
                node.http().get("/v1/sync/companies/co_doesnotexist", owner), 404, "not_found");
        assertThat(node.http().get("/v1/sync/companies/" + id, owner).json().get("name").asString())
                .isEqualTo("Theirs");
    }

    @Test
    void aReadKeyCanListButNotCreate() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String reader = Tenancy.newKey(node, tenant, List.of("sync:read"))[1];
        assertThat(node.http().get("/v1/sync/companies", reader).status()).isEqualTo(200);
        assertProblem(create(node, reader, company("Nope")), 403, "forbidden");
        assertProblem(node.http().get("/v1/sync/companies", null), 401, "unauthorized");
    }

    @Test
    void aSecondCompanyWithTheSameNameIs409() {
        String key = Tenancy.newTenant(node).adminKey();
        created(node, key, company("Twice"));
        assertProblem(create(node, key, company("TWICE")), 409, "name_taken");
    }

    @Test
    void theTwentyFirstCompanyOfATenantIs409() {
        String key = Tenancy.newTenant(node).adminKey();
        for (int i = 1; i <= 20; i++) {
            created(node, key, company("Company " + i));
        }
        assertProblem(create(node, key, company("Company 21")), 409, "limit_reached");
    }

    @Test
    void secretsAreInNoTableAuditOrLogLineInTheClear() {
        List<String> logLines;
        try (CapturedLogs logs = CapturedLogs.start()) {
            String key = Tenancy.newTenant(node).adminKey();
            String id = created(node, key, company("Leak check"));
            patch(node, key, id, Map.of("sql", Map.of("password", SQL_PASSWORD + "-2")));
            logLines = logs.events();
        }
        JdbcClient owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        List<String> rows = new ArrayList<>();
        rows.addAll(owner.sql("select x::text from sync_companies x").query(String.class).list());
        rows.addAll(owner.sql("select x::text from audit_events x").query(String.class).list());
        for (String secret : List.of(PORTAL_KEY, PORTAL_SECRET, SQL_PASSWORD)) {
            assertThat(rows).noneMatch(row -> row.contains(secret));
            assertThat(logLines).noneMatch(line -> line.contains(secret));
        }
        assertThat(
                        owner.sql(
                                        "select details->>'write_only_fields_changed' from"
                                            + " audit_events where action = 'sync_company.updated'"
                                            + " order by id desc limit 1")
                                .query(String.class)
                                .single())
                .isEqualTo("[\"sql.password\"]");
        assertThat(logLines).anyMatch(l -> l.contains("trusts any SQL Server certificate"));
    }

    /** The secrets as the sync will open them. */
    private static CompanySecrets secrets(String id) {
        long tenant =
                JdbcClient.create(TestDatabase.ownerOf(node.database()))
                        .sql("select tenant_id from sync_companies where public_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single();
        CompanyAdministration admin = node.bean(CompanyAdministration.class);
        return admin.find(new TenantId(tenant), id).flatMap(admin::secrets).orElseThrow();
    }

    private static void assertNoSecret(String body) {
        assertThat(body)
                .doesNotContain(PORTAL_KEY)
                .doesNotContain(PORTAL_SECRET)
                .doesNotContain(SQL_PASSWORD)
                .doesNotContain("\"key\"")
                .doesNotContain("\"secret\"")
                .doesNotContain("\"password\"");
    }

    private static List<String> fields(Http.Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }
}
