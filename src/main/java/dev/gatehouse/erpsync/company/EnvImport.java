package dev.gatehouse.erpsync.company;

import dev.gatehouse.erpsync.company.CompanyRequests.AddressBody;
import dev.gatehouse.erpsync.company.CompanyRequests.CompanyBody;
import dev.gatehouse.erpsync.company.CompanyRequests.DatabasesBody;
import dev.gatehouse.erpsync.company.CompanyRequests.ImporterBody;
import dev.gatehouse.erpsync.company.CompanyRequests.IssuerBody;
import dev.gatehouse.erpsync.company.CompanyRequests.PortalBody;
import dev.gatehouse.erpsync.company.CompanyRequests.SqlBody;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an existing SageConnect {@code .env} into company bodies: its five comma-separated,
 * position-aligned tenant variables ({@code TENANT_ID}, {@code API_KEY}, {@code API_SECRET}, {@code
 * DATABASES}, {@code EXTERNAL_IDS}) give one company each, and every other variable is reported as
 * used, set elsewhere (Gatehouse's own environment: e-mail, license, timeouts) or ignored. Reports
 * name variables, never a secret's value. Pure: no I/O.
 */
public final class EnvImport {

    /** The longest file read. */
    public static final int MAX_BYTES = 1 << 20;

    private static final Set<String> SECRET =
            Set.of(
                    "API_KEY",
                    "API_SECRET",
                    "DB_PASSWORD",
                    "ePass",
                    "HMAC_SECRET",
                    "SAGECONNECT_API_KEY");

    /** Variables that map onto Gatehouse's environment under a name of its own or the same. */
    private static final Map<String, String> ENVIRONMENT =
            Map.ofEntries(
                    Map.entry("eServer", "SMTP_HOST"),
                    Map.entry("ePuerto", "SMTP_PORT"),
                    Map.entry("eSSL", "SMTP_TLS (TRUE → tls, else starttls)"),
                    Map.entry("eFrom", "SMTP_FROM and SMTP_USER"),
                    Map.entry("ePass", "SMTP_PASSWORD"),
                    Map.entry("MAIL_TIMEOUT_MS", "MAIL_TIMEOUT_MS"),
                    Map.entry("LICENSE_API_URL", "LICENSE_API_URL"),
                    Map.entry("HMAC_SECRET", "HMAC_SECRET"),
                    Map.entry("LICENSE_ADMIN_EMAIL", "LICENSE_ADMIN_EMAIL"),
                    Map.entry("SAGECONNECT_API_KEY", "SAGECONNECT_API_KEY"),
                    Map.entry("PORTAL_HTTP_TIMEOUT_MS", "PORTAL_HTTP_TIMEOUT_MS"),
                    Map.entry("STEP_TIMEOUT_MS", "STEP_TIMEOUT_MS"),
                    Map.entry("CHILD_PROCESS_TIMEOUT_MS", "CHILD_PROCESS_TIMEOUT_MS"),
                    Map.entry("LOCK_TIMEOUT_MS", "LOCK_TIMEOUT_MS"),
                    Map.entry("RETRY_LOOKBACK_DAYS", "RETRY_LOOKBACK_DAYS"),
                    Map.entry("RETRY_INTERVAL_PAYMENT_MIN", "RETRY_INTERVAL_PAYMENT_MIN"),
                    Map.entry("RETRY_INTERVAL_PO_MIN", "RETRY_INTERVAL_PO_MIN"),
                    Map.entry("DOWNLOADS_PATH", "SYNC_DOWNLOADS_ROOT (companies get downloads/)"),
                    Map.entry(
                            "IMPORT_CFDIS_ROUTE", "SYNC_IMPORTER_PROGRAMS, when not listed there"));

    private static final Set<String> USED =
            Set.of(
                    "TENANT_ID",
                    "API_KEY",
                    "API_SECRET",
                    "DATABASES",
                    "EXTERNAL_IDS",
                    "URL",
                    "SERVER",
                    "DB_USER",
                    "DB_PASSWORD",
                    "DATABASE",
                    "NOMBRE",
                    "RFC",
                    "REGIMEN",
                    "TIMEZONE",
                    "CRON_SCHEDULE",
                    "ARG",
                    "IMPORT_CFDIS_ROUTE",
                    "ADDRESS_IDENTIFIERS_SKIP",
                    "MAILING_NOTICES",
                    "MAILING_CC",
                    "DEFAULT_ADDRESS_STREET",
                    "DEFAULT_ADDRESS_CITY",
                    "DEFAULT_ADDRESS_STATE",
                    "DEFAULT_ADDRESS_COUNTRY",
                    "DEFAULT_ADDRESS_ZIP",
                    "DEFAULT_ADDRESS_MUNICIPALITY",
                    "DEFAULT_ADDRESS_IDENTIFIER");

    /** What the file gives: one body per company, and a line per variable. */
    public record Read(List<CompanyBody> companies, List<String> report) {}

    /**
     * Reads {@code text}; {@code importerAllowed} says whether the operator lists the importer
     * program in {@code SYNC_IMPORTER_PROGRAMS}.
     */
    public static Read read(String text, java.util.function.Predicate<String> importerAllowed) {
        Map<String, String> env = parse(text);
        List<String> report = new ArrayList<>();
        for (String name : env.keySet()) {
            if (USED.contains(name)
                    && !(name.equals("IMPORT_CFDIS_ROUTE")
                            && !importerAllowed.test(env.get(name)))) {
                report.add(
                        "used      " + name + (SECRET.contains(name) ? " (secret, sealed)" : ""));
            } else if (ENVIRONMENT.containsKey(name)) {
                report.add(
                        "not mapped "
                                + name
                                + ": set "
                                + ENVIRONMENT.get(name)
                                + " in Gatehouse's environment");
            } else {
                report.add("ignored   " + name);
            }
        }
        List<String> ids = list(env, "TENANT_ID");
        List<CompanyBody> companies = new ArrayList<>();
        String server = env.getOrDefault("SERVER", "");
        String host = server;
        Integer port = null;
        int comma = server.indexOf(',');
        if (comma > 0) {
            host = server.substring(0, comma).strip();
            try {
                port = Integer.valueOf(server.substring(comma + 1).strip());
            } catch (NumberFormatException e) {
                report.add("not mapped SERVER: the port after the comma is not a number");
            }
        }
        if (host.contains("\\")) {
            report.add(
                    "not mapped SERVER: a named instance (host\\INSTANCE) needs its port; give"
                            + " sql.port with PATCH /v1/sync/companies/{id}");
            host = host.substring(0, host.indexOf('\\'));
        }
        String program = env.get("IMPORT_CFDIS_ROUTE");
        ImporterBody importer =
                program != null && importerAllowed.test(program)
                        ? new ImporterBody(program, env.getOrDefault("ARG", ""))
                        : null;
        List<String> recipients = new ArrayList<>(list(env, "MAILING_NOTICES"));
        list(env, "MAILING_CC").stream()
                .filter(a -> !recipients.contains(a))
                .forEach(recipients::add);
        for (int i = 0; i < ids.size(); i++) {
            String database = java.util.Objects.requireNonNullElse(at(env, "DATABASES", i), "");
            companies.add(
                    new CompanyBody(
                            database.isEmpty() ? "Company " + (i + 1) : database,
                            new PortalBody(
                                    env.get("URL"),
                                    ids.get(i),
                                    at(env, "API_KEY", i),
                                    at(env, "API_SECRET", i)),
                            new SqlBody(
                                    host,
                                    port,
                                    env.get("DB_USER"),
                                    env.get("DB_PASSWORD"),
                                    null,
                                    null),
                            new DatabasesBody(database, env.get("DATABASE"), null),
                            at(env, "EXTERNAL_IDS", i),
                            new IssuerBody(env.get("NOMBRE"), env.get("RFC"), env.get("REGIMEN")),
                            env.get("CRON_SCHEDULE"),
                            env.get("TIMEZONE"),
                            importer,
                            null,
                            new AddressBody(
                                    env.get("DEFAULT_ADDRESS_STREET"),
                                    env.get("DEFAULT_ADDRESS_CITY"),
                                    env.get("DEFAULT_ADDRESS_STATE"),
                                    env.get("DEFAULT_ADDRESS_COUNTRY"),
                                    env.get("DEFAULT_ADDRESS_ZIP"),
                                    env.get("DEFAULT_ADDRESS_MUNICIPALITY"),
                                    env.get("DEFAULT_ADDRESS_IDENTIFIER")),
                            list(env, "ADDRESS_IDENTIFIERS_SKIP"),
                            recipients,
                            true));
        }
        return new Read(companies, report);
    }

    /**
     * {@code NAME=value} lines; {@code #} comments, {@code export } and matching quotes dropped.
     */
    static Map<String, String> parse(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2
                    && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            env.put(name, value);
        }
        return env;
    }

    private static List<String> list(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            out.add(part.strip());
        }
        return out;
    }

    private static @Nullable String at(Map<String, String> env, String name, int i) {
        List<String> values = list(env, name);
        return i < values.size() && !values.get(i).isEmpty() ? values.get(i) : null;
    }
}
