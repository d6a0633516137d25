package dev.gatehouse.erpsync;

import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanyConfig;
import dev.gatehouse.erpsync.company.CompanySecrets;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.h2.tools.RunScript;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Sage 300 company on H2 in SQL Server mode: the three databases of {@code
 * src/test/resources/sage300/} created in memory under a prefix of their own, with their rows, and
 * the URL template a company uses to reach them.
 */
public final class SageFixture {

    public static final String USER = "sageconnect";
    public static final String PASSWORD = "h2-sage-" + "5".repeat(16);

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String template;

    private SageFixture(String template) {
        this.template = template;
    }

    /** Fresh databases COPDAT, FESA and Autorizaciones_electronicas with their rows. */
    public static SageFixture create() {
        String prefix = "sage" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid();
        SageFixture f =
                new SageFixture(
                        "jdbc:h2:mem:"
                                + prefix
                                + "_{database};MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;"
                                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        f.load("COPDAT", "company.sql", "company-rows.sql");
        f.load("FESA", "fesa.sql", "fesa-rows.sql");
        f.load("Autorizaciones_electronicas", "approvals.sql", "approvals-rows.sql");
        return f;
    }

    /** The company's {@code sql.url_template}. */
    public String urlTemplate() {
        return template;
    }

    /** A direct connection to {@code database}, outside any pool. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(
                template.replace("{database}", database), USER, PASSWORD);
    }

    /** A stored-looking company on these databases, for tests below the API. */
    public Company company(String publicId, long version) {
        CompanyConfig config =
                new CompanyConfig(
                        new CompanyConfig.Portal("http://127.0.0.1:1", "copamex"),
                        new CompanyConfig.Sql("localhost", 1433, USER, true, template),
                        new CompanyConfig.Databases(
                                "COPDAT", "FESA", "Autorizaciones_electronicas"),
                        "CDA010101AAA",
                        new CompanyConfig.Issuer("Copamex Datos", "CDA010101AAA", "601"),
                        "*/15 * * * *",
                        "America/Mexico_City",
                        null,
                        "downloads",
                        new CompanyConfig.Address("", "", "", "", "", "", ""),
                        List.of("TRANS"),
                        List.of());
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        return new Company(
                version,
                publicId,
                new TenantId(1),
                "Copamex",
                config,
                "sealed",
                true,
                version,
                t,
                t);
    }

    public static CompanySecrets secrets() {
        return new CompanySecrets("key", "secret", PASSWORD);
    }

    private void load(String database, String... scripts) {
        try (Connection c = connect(database)) {
            for (String script : scripts) {
                try (Reader r =
                        new InputStreamReader(
                                Objects.requireNonNull(
                                        SageFixture.class.getResourceAsStream("/sage300/" + script),
                                        script),
                                StandardCharsets.UTF_8)) {
                    RunScript.execute(c, r);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("loading " + database + ": " + e.getMessage(), e);
        }
    }
}
