package dev.gatehouse.erpsync.company;

import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.kernel.web.ApiProblem.FieldMessage;
import dev.gatehouse.kernel.web.RestrictedAddresses;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validates a company body ({@code POST} whole, {@code PATCH} merged onto the stored company by
 * {@link CompanyPatch}), reporting every problem at once; a secret is never echoed in a message.
 * The rules and their numbers are in the API document's schema descriptions and ADR 0021.
 */
public final class CompanyRequests {

    static final int MAX_NAME = 200;
    static final int MAX_URL = 2048;
    static final int MAX_SECRET = 1024;
    static final int MAX_TEMPLATE = 1000;
    static final int MAX_TEXT = 300;
    static final int MAX_LIST = 100;
    static final int MAX_RECIPIENTS = 20;
    static final String DEFAULT_CRON = "*/15 * * * *";
    static final String DEFAULT_ZONE = "America/Mexico_City";
    static final String DEFAULT_CONTROL = "FESA";
    static final String DEFAULT_APPROVALS = "Autorizaciones_electronicas";
    static final String DEFAULT_DOWNLOADS = "downloads";

    private static final Pattern DATABASE = Pattern.compile("^[A-Za-z0-9_]{1,128}$");
    private static final Pattern TENANT_ID = Pattern.compile("^[A-Za-z0-9_-]{1,100}$");
    private static final Pattern HOST =
            Pattern.compile("^[A-Za-z0-9.-]{1,253}$|^[0-9A-Fa-f:]{2,45}$");
    private static final Pattern RFC = Pattern.compile("^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}$");
    private static final Pattern REGIME = Pattern.compile("^[0-9]{3}$");
    private static final Pattern ZIP = Pattern.compile("^[0-9]{5}$");
    private static final Pattern LOCATION = Pattern.compile("^[A-Za-z0-9_-]{1,12}$");
    private static final Pattern EMAIL =
            Pattern.compile("^[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+$");
    private static final Pattern DOWNLOADS =
            Pattern.compile("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$");
    private static final Set<String> H2_SETTINGS =
            Set.of(
                    "MODE",
                    "DATABASE_TO_UPPER",
                    "DATABASE_TO_LOWER",
                    "CASE_INSENSITIVE_IDENTIFIERS",
                    "DB_CLOSE_DELAY",
                    "DB_CLOSE_ON_EXIT",
                    "IFEXISTS",
                    "LOCK_TIMEOUT");

    private final SyncSettings settings;
    private final boolean production;

    CompanyRequests(SyncSettings settings, boolean production) {
        this.settings = settings;
        this.production = production;
    }

    @Schema(name = "SyncCompanyRequest")
    public record CompanyBody(
            @Schema(description = "1–200 characters, unique in the tenant ignoring case.")
                    @Nullable String name,
            @Nullable PortalBody portal,
            @Nullable SqlBody sql,
            @Nullable DatabasesBody databases,
            @Schema(description = "The company's id at the portal (company_external_id), 1–50.")
                    @Nullable String externalId,
            @Nullable IssuerBody issuer,
            @Schema(
                            description =
                                    "Five-field cron (minute hour day month weekday) in time_zone.",
                            defaultValue = DEFAULT_CRON)
                    @Nullable String cron,
            @Schema(description = "IANA time zone.", defaultValue = DEFAULT_ZONE)
                    @Nullable String timeZone,
            @Schema(
                            description =
                                    "The importer run after each cycle; program must be one of"
                                            + " SYNC_IMPORTER_PROGRAMS. In a PATCH, {} removes it.")
                    @Nullable ImporterBody importer,
            @Schema(
                            description =
                                    "Folder for the XML files, relative, under SYNC_DOWNLOADS_ROOT"
                                            + " and the tenant's own folder.",
                            defaultValue = DEFAULT_DOWNLOADS)
                    @Nullable String downloadsPath,
            @Nullable AddressBody addressDefaults,
            @Schema(description = "Sage locations (ICLOC) whose POs are not sent; up to 100.")
                    @Nullable List<String> skipLocations,
            @Schema(description = "Who receives the sync's notices; up to 20 addresses.")
                    @Nullable List<String> mailRecipients,
            @Schema(defaultValue = "true") @Nullable Boolean enabled) {}

    @Schema(name = "SyncCompanyPortal")
    public record PortalBody(
            @Schema(description = "The portal API's base URL; https in production.")
                    @Nullable String url,
            @Nullable String tenantId,
            @Schema(
                            accessMode = Schema.AccessMode.WRITE_ONLY,
                            description = "PDPTenantKey; kept when omitted.")
                    @Nullable String key,
            @Schema(
                            accessMode = Schema.AccessMode.WRITE_ONLY,
                            description = "PDPTenantSecret; kept when omitted.")
                    @Nullable String secret) {}

    @Schema(name = "SyncCompanySql")
    public record SqlBody(
            @Nullable String host,
            @Schema(defaultValue = "1433") @Nullable Integer port,
            @Nullable String user,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, description = "Kept when omitted.")
                    @Nullable String password,
            @Schema(defaultValue = "true") @Nullable Boolean trustServerCertificate,
            @Schema(
                            description =
                                    "JDBC URL with {host}, {port} and {database}; jdbc:h2: (H2 in"
                                            + " MODE=MSSQLServer) only in development. Empty for"
                                            + " the default jdbc:sqlserver: URL.")
                    @Nullable String urlTemplate) {}

    @Schema(name = "SyncCompanyDatabases")
    public record DatabasesBody(
            @Nullable String company,
            @Schema(defaultValue = DEFAULT_CONTROL) @Nullable String control,
            @Schema(defaultValue = DEFAULT_APPROVALS) @Nullable String approvals) {}

    @Schema(name = "SyncCompanyIssuer")
    public record IssuerBody(
            @Nullable String name,
            @Nullable String rfc,
            @Schema(description = "SAT fiscal regime, three digits.") @Nullable String regime) {}

    @Schema(name = "SyncCompanyImporter")
    public record ImporterBody(@Nullable String program, @Nullable String argument) {}

    @Schema(name = "SyncCompanyAddress")
    public record AddressBody(
            @Nullable String street,
            @Nullable String city,
            @Nullable String state,
            @Nullable String country,
            @Nullable String zip,
            @Nullable String municipality,
            @Nullable String identifier) {}

    /** The outcome of {@link #check}. */
    sealed interface Checked permits Valid, Invalid {}

    /** A valid body: the configuration, the secrets it gave (the rest are kept), its switch. */
    record Valid(String name, CompanyConfig config, CompanySecrets given, boolean enabled)
            implements Checked {}

    record Invalid(List<FieldMessage> errors) implements Checked {
        Invalid {
            errors = List.copyOf(errors);
        }
    }

    /**
     * Checks {@code body}; {@code creating} requires every secret, else omitted secrets are kept.
     */
    Checked check(CompanyBody body, boolean creating) {
        List<FieldMessage> errors = new ArrayList<>();
        String name = text(errors, "name", body.name(), 1, MAX_NAME);
        PortalBody portal =
                body.portal() == null ? new PortalBody(null, null, null, null) : body.portal();
        SqlBody sql =
                body.sql() == null ? new SqlBody(null, null, null, null, null, null) : body.sql();
        String url = portalUrl(errors, portal.url());
        String tenantId =
                matching(
                        errors,
                        "portal.tenant_id",
                        portal.tenantId(),
                        TENANT_ID,
                        "must be 1–100 letters, digits, _ or -");
        String key = secret(errors, "portal.key", portal.key(), creating);
        String secret = secret(errors, "portal.secret", portal.secret(), creating);
        String password = secret(errors, "sql.password", sql.password(), creating);
        CompanyConfig.Sql sqlConfig = sql(errors, sql);
        DatabasesBody dbs =
                body.databases() == null ? new DatabasesBody(null, null, null) : body.databases();
        CompanyConfig.Databases databases =
                new CompanyConfig.Databases(
                        database(errors, "databases.company", dbs.company(), null),
                        database(errors, "databases.control", dbs.control(), DEFAULT_CONTROL),
                        database(
                                errors, "databases.approvals", dbs.approvals(), DEFAULT_APPROVALS));
        String externalId = text(errors, "external_id", body.externalId(), 1, 50);
        CompanyConfig.Issuer issuer = issuer(errors, body.issuer());
        String cron = cron(errors, body.cron());
        String zone = zone(errors, body.timeZone());
        CompanyConfig.Importer importer = importer(errors, body.importer());
        String downloads = downloads(errors, body.downloadsPath());
        CompanyConfig.Address address = address(errors, body.addressDefaults());
        List<String> skip =
                list(
                        errors,
                        "skip_locations",
                        body.skipLocations(),
                        MAX_LIST,
                        v ->
                                LOCATION.matcher(v).matches()
                                        ? null
                                        : "must be 1–12 letters, digits, _ or -");
        List<String> recipients =
                list(
                        errors,
                        "mail_recipients",
                        body.mailRecipients(),
                        MAX_RECIPIENTS,
                        v ->
                                v.length() <= 254 && EMAIL.matcher(v).matches()
                                        ? null
                                        : "must be an e-mail address");
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        CompanyConfig config =
                new CompanyConfig(
                        new CompanyConfig.Portal(url, tenantId),
                        sqlConfig,
                        databases,
                        externalId,
                        issuer,
                        cron,
                        zone,
                        importer,
                        downloads,
                        address,
                        skip,
                        recipients);
        return new Valid(
                name,
                config,
                new CompanySecrets(blankToNull(key), blankToNull(secret), blankToNull(password)),
                body.enabled() == null || body.enabled());
    }

    private String portalUrl(List<FieldMessage> errors, @Nullable String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldMessage("portal.url", "is required"));
            return "";
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            errors.add(new FieldMessage("portal.url", "is not a URL"));
            return "";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_URL
                || !(scheme.equals("https") || scheme.equals("http"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            errors.add(
                    new FieldMessage(
                            "portal.url",
                            "must be an http(s) base URL of at most 2048 characters, without user,"
                                    + " query or fragment"));
            return "";
        }
        if (production && !scheme.equals("https")) {
            errors.add(new FieldMessage("portal.url", "must be https in production"));
            return "";
        }
        if (!settings.allowPrivatePortal() && privateHost(uri.getHost())) {
            errors.add(
                    new FieldMessage(
                            "portal.url",
                            "resolves to a loopback, private or link-local address, which"
                                    + " SYNC_ALLOW_PRIVATE_PORTAL does not allow"));
            return "";
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * True when {@code host} resolves to a restricted address; a name that does not resolve now is
     * not.
     */
    static boolean privateHost(String host) {
        try {
            return RestrictedAddresses.resolvesToRestricted(host);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private CompanyConfig.Sql sql(List<FieldMessage> errors, SqlBody sql) {
        String host =
                matching(errors, "sql.host", sql.host(), HOST, "must be a host name or IP address");
        int port = sql.port() == null ? 1433 : sql.port();
        if (port < 1 || port > 65_535) {
            errors.add(new FieldMessage("sql.port", "must be between 1 and 65535, was " + port));
        }
        String user = text(errors, "sql.user", sql.user(), 1, 128);
        return new CompanyConfig.Sql(
                host,
                port,
                user,
                sql.trustServerCertificate() == null || sql.trustServerCertificate(),
                urlTemplate(errors, sql.urlTemplate()));
    }

    private @Nullable String urlTemplate(List<FieldMessage> errors, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String t = value.strip();
        String field = "sql.url_template";
        if (t.length() > MAX_TEMPLATE || !t.contains("{database}") || hasControl(t)) {
            errors.add(
                    new FieldMessage(
                            field, "must contain {database} and be at most 1000 characters"));
            return null;
        }
        if (t.startsWith("jdbc:sqlserver://")) {
            return t;
        }
        if (!t.startsWith("jdbc:h2:")) {
            errors.add(
                    new FieldMessage(
                            field,
                            "must start with jdbc:sqlserver:// (or jdbc:h2: in development)"));
            return null;
        }
        if (production) {
            errors.add(new FieldMessage(field, "jdbc:h2: is accepted only in development"));
            return null;
        }
        String[] parts = t.split(";");
        boolean mssql = false;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            String k = kv[0].strip().toUpperCase(Locale.ROOT);
            if (!H2_SETTINGS.contains(k) || kv.length != 2) {
                errors.add(
                        new FieldMessage(
                                field,
                                "may set only "
                                        + String.join(
                                                ", ", H2_SETTINGS.stream().sorted().toList())));
                return null;
            }
            mssql |= k.equals("MODE") && kv[1].strip().equalsIgnoreCase("MSSQLServer");
        }
        if (!mssql) {
            errors.add(new FieldMessage(field, "must set MODE=MSSQLServer"));
            return null;
        }
        return t;
    }

    private static String database(
            List<FieldMessage> errors,
            String field,
            @Nullable String value,
            @Nullable String fallback) {
        if ((value == null || value.isBlank()) && fallback != null) {
            return fallback;
        }
        return matching(errors, field, value, DATABASE, "must match ^[A-Za-z0-9_]{1,128}$");
    }

    private static CompanyConfig.Issuer issuer(
            List<FieldMessage> errors, @Nullable IssuerBody body) {
        IssuerBody b = body == null ? new IssuerBody(null, null, null) : body;
        return new CompanyConfig.Issuer(
                text(errors, "issuer.name", b.name(), 1, MAX_TEXT),
                matching(errors, "issuer.rfc", b.rfc(), RFC, "must be an RFC such as CDA010101AAA"),
                matching(
                        errors,
                        "issuer.regime",
                        b.regime(),
                        REGIME,
                        "must be three digits such as 601"));
    }

    private static String cron(List<FieldMessage> errors, @Nullable String value) {
        String cron =
                value == null || value.isBlank()
                        ? DEFAULT_CRON
                        : value.strip().replaceAll("\\s+", " ");
        if (cron.split(" ").length != 5) {
            errors.add(
                    new FieldMessage(
                            "cron", "must have five fields: minute hour day month weekday"));
            return cron;
        }
        try {
            CronExpression.parse("0 " + cron);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldMessage("cron", "is not a valid cron expression"));
        }
        return cron;
    }

    private static String zone(List<FieldMessage> errors, @Nullable String value) {
        String zone = value == null || value.isBlank() ? DEFAULT_ZONE : value.strip();
        try {
            ZoneId id = ZoneId.of(zone);
            if (id instanceof ZoneOffset && !zone.equals("UTC")) {
                errors.add(
                        new FieldMessage(
                                "time_zone", "must be an IANA zone such as America/Mexico_City"));
            }
        } catch (DateTimeException e) {
            errors.add(
                    new FieldMessage(
                            "time_zone", "must be an IANA zone such as America/Mexico_City"));
        }
        return zone;
    }

    private CompanyConfig.@Nullable Importer importer(
            List<FieldMessage> errors, @Nullable ImporterBody body) {
        if (body == null || (body.program() == null && body.argument() == null)) {
            return null;
        }
        String program = body.program() == null ? "" : body.program().strip();
        boolean allowed =
                !program.isEmpty()
                        && settings.importerPrograms().stream()
                                .anyMatch(
                                        p ->
                                                p.toString()
                                                        .equals(
                                                                Path.of(program)
                                                                        .normalize()
                                                                        .toString()));
        if (!allowed) {
            errors.add(
                    new FieldMessage(
                            "importer.program",
                            settings.importerPrograms().isEmpty()
                                    ? "cannot be set: the operator allows no importer program"
                                            + " (SYNC_IMPORTER_PROGRAMS)"
                                    : "must be one of the programs in SYNC_IMPORTER_PROGRAMS"));
        }
        String argument = body.argument() == null ? "" : body.argument();
        if (argument.length() > 200 || hasControl(argument)) {
            errors.add(
                    new FieldMessage(
                            "importer.argument",
                            "must be at most 200 characters without control characters"));
        }
        return new CompanyConfig.Importer(program, argument);
    }

    private static String downloads(List<FieldMessage> errors, @Nullable String value) {
        String path = value == null || value.isBlank() ? DEFAULT_DOWNLOADS : value.strip();
        boolean ok =
                path.length() <= 200
                        && DOWNLOADS.matcher(path).matches()
                        && List.of(path.split("/")).stream()
                                .noneMatch(s -> s.equals(".") || s.equals(".."));
        if (!ok) {
            errors.add(
                    new FieldMessage(
                            "downloads_path",
                            "must be a relative folder of at most 200 characters (letters, digits,"
                                    + " . _ - and /), without . or .. parts"));
        }
        return path;
    }

    private static CompanyConfig.Address address(
            List<FieldMessage> errors, @Nullable AddressBody body) {
        if (body == null) {
            return CompanyConfig.Address.empty();
        }
        String zip = optionalText(errors, "address_defaults.zip", body.zip());
        if (!zip.isEmpty() && !ZIP.matcher(zip).matches()) {
            errors.add(new FieldMessage("address_defaults.zip", "must be five digits"));
        }
        return new CompanyConfig.Address(
                optionalText(errors, "address_defaults.street", body.street()),
                optionalText(errors, "address_defaults.city", body.city()),
                optionalText(errors, "address_defaults.state", body.state()),
                optionalText(errors, "address_defaults.country", body.country()),
                zip,
                optionalText(errors, "address_defaults.municipality", body.municipality()),
                optionalText(errors, "address_defaults.identifier", body.identifier()));
    }

    private static List<String> list(
            List<FieldMessage> errors,
            String field,
            @Nullable List<String> values,
            int max,
            Function<String, @Nullable String> rule) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > max) {
            errors.add(
                    new FieldMessage(
                            field, "may list at most " + max + " entries, was " + values.size()));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i) == null ? "" : values.get(i).strip();
            String problem = rule.apply(v);
            if (problem != null) {
                errors.add(new FieldMessage(field + "[" + i + "]", problem));
            } else if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static String secret(
            List<FieldMessage> errors, String field, @Nullable String value, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(new FieldMessage(field, "is required"));
            }
            return "";
        }
        if (value.isEmpty()
                || value.length() > MAX_SECRET
                || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            errors.add(new FieldMessage(field, "must be 1–1024 printable ASCII characters"));
        }
        return value;
    }

    private static String text(
            List<FieldMessage> errors, String field, @Nullable String value, int min, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() && min > 0) {
            errors.add(new FieldMessage(field, "is required"));
        } else if (v.length() > max || hasControl(v)) {
            errors.add(
                    new FieldMessage(
                            field,
                            "must be at most " + max + " characters without control characters"));
        }
        return v;
    }

    private static String optionalText(
            List<FieldMessage> errors, String field, @Nullable String value) {
        return text(errors, field, value, 0, MAX_TEXT);
    }

    private static String matching(
            List<FieldMessage> errors,
            String field,
            @Nullable String value,
            Pattern pattern,
            String rule) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            errors.add(new FieldMessage(field, "is required"));
        } else if (!pattern.matcher(v).matches()) {
            errors.add(new FieldMessage(field, rule));
        }
        return v;
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static @Nullable String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
