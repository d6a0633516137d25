package dev.gatehouse.erpsync;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestNode;

import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Object mother for sync companies, created through the real API. */
public final class SyncCompanies {

    public static final String PORTAL_KEY = "pdp-key-" + "4".repeat(20);
    public static final String PORTAL_SECRET = "pdp-secret-" + "8".repeat(24);
    public static final String SQL_PASSWORD = "sql-pass-" + "6".repeat(18);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SyncCompanies() {}

    /** A complete, valid company body; {@code portalUrl} and {@code urlTemplate} as given. */
    public static Map<String, Object> company(String name, String portalUrl, String urlTemplate) {
        Map<String, Object> portal = new LinkedHashMap<>();
        portal.put("url", portalUrl);
        portal.put("tenant_id", "copamex-datos");
        portal.put("key", PORTAL_KEY);
        portal.put("secret", PORTAL_SECRET);
        Map<String, Object> sql = new LinkedHashMap<>();
        sql.put("host", "sage.internal");
        sql.put("port", 1433);
        sql.put("user", "sageconnect");
        sql.put("password", SQL_PASSWORD);
        sql.put("url_template", urlTemplate);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("portal", portal);
        body.put("sql", sql);
        body.put("databases", Map.of("company", "COPDAT"));
        body.put("external_id", "CDA010101AAA");
        body.put(
                "issuer",
                Map.of("name", "Copamex Datos SA de CV", "rfc", "CDA010101AAA", "regime", "601"));
        body.put("cron", "*/15 * * * *");
        body.put("time_zone", "America/Mexico_City");
        body.put(
                "address_defaults",
                Map.of("street", "Av. Industria 100", "city", "Monterrey", "zip", "64000"));
        body.put("skip_locations", List.of("TRANS"));
        body.put("mail_recipients", List.of("cxp@copamex.example"));
        return body;
    }

    /** A company body whose portal and SQL are never contacted. */
    public static Map<String, Object> company(String name) {
        return company(name, "https://api-sandbox.portaldeproveedores.mx", "");
    }

    public static Http.Response create(TestNode node, String key, Map<String, Object> body) {
        return node.http().post("/v1/sync/companies", key, JSON.writeValueAsString(body));
    }

    public static Http.Response patch(TestNode node, String key, String id, Object body) {
        return node.http().patch("/v1/sync/companies/" + id, key, JSON.writeValueAsString(body));
    }

    /** Creates {@code body} and returns the new company's id. */
    public static String created(TestNode node, String key, Map<String, Object> body) {
        Http.Response r = create(node, key, body);
        if (r.status() != 201) {
            throw new AssertionError("company creation answered " + r.status() + ": " + r.body());
        }
        return r.json().get("id").asString();
    }
}
