package dev.gatehouse.erpsync.company;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A company's secrets: the portal's {@code PDPTenantKey} and {@code PDPTenantSecret} and the SQL
 * Server password. Stored as one sealed JSON object in {@code sync_companies.secrets}; never shown,
 * logged or audited ({@link #toString()} names only which are set).
 */
public record CompanySecrets(
        @Nullable String portalKey, @Nullable String portalSecret, @Nullable String sqlPassword) {

    public static final String PORTAL_KEY = "portal.key";
    public static final String PORTAL_SECRET = "portal.secret";
    public static final String SQL_PASSWORD = "sql.password";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static CompanySecrets none() {
        return new CompanySecrets(null, null, null);
    }

    /** The names of the secrets that are set, in a fixed order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(3);
        if (portalKey != null) {
            names.add(PORTAL_KEY);
        }
        if (portalSecret != null) {
            names.add(PORTAL_SECRET);
        }
        if (sqlPassword != null) {
            names.add(SQL_PASSWORD);
        }
        return List.copyOf(names);
    }

    /** True when every secret a company needs is set. */
    boolean complete() {
        return portalKey != null && portalSecret != null && sqlPassword != null;
    }

    /** {@code this}, with each secret it lacks taken from {@code stored}. */
    CompanySecrets orElse(CompanySecrets stored) {
        return new CompanySecrets(
                portalKey != null ? portalKey : stored.portalKey,
                portalSecret != null ? portalSecret : stored.portalSecret,
                sqlPassword != null ? sqlPassword : stored.sqlPassword);
    }

    /** The UTF-8 JSON that is sealed; the caller zeroes it after sealing. */
    byte[] toJsonBytes() {
        Map<String, String> m = new LinkedHashMap<>();
        if (portalKey != null) {
            m.put(PORTAL_KEY, portalKey);
        }
        if (portalSecret != null) {
            m.put(PORTAL_SECRET, portalSecret);
        }
        if (sqlPassword != null) {
            m.put(SQL_PASSWORD, sqlPassword);
        }
        return JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
    }

    static CompanySecrets fromJson(String json) {
        JsonNode n = JSON.readTree(json);
        return new CompanySecrets(
                text(n, PORTAL_KEY), text(n, PORTAL_SECRET), text(n, SQL_PASSWORD));
    }

    private static @Nullable String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isString() ? v.asString() : null;
    }

    @Override
    public String toString() {
        return "CompanySecrets" + names() + " [redacted]";
    }
}
