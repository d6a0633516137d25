package dev.gatehouse.erpsync;

import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanyConfig;
import dev.gatehouse.erpsync.company.CompanySecrets;
import dev.gatehouse.erpsync.demo.DemoSage;
import dev.gatehouse.kernel.tenancy.TenantId;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Sage 300 company on H2 in SQL Server mode: the three databases of {@code
 * src/test/resources/sage300/} created in memory under a prefix of their own, with their rows, and
 * the URL template a company uses to reach them.
 */
public final class SageFixture implements AutoCloseable {

    public static final String USER = "sageconnect";
    public static final String PASSWORD = "h2-sage-" + "5".repeat(16);

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** The day the rows are written for: tests on a fixed clock run at its noon. */
    public static final LocalDate ROWS_DAY = DemoSage.ROWS_DAY;

    private final String template;

    private SageFixture(String template) {
        this.template = template;
    }

    /** Fresh databases COPDAT, FESA and Autorizaciones_electronicas with their rows. */
    public static SageFixture create() {
        return create(ROWS_DAY);
    }

    /**
     * The same databases with every date of the rows moved so that {@link #ROWS_DAY} falls on
     * {@code today}: for tests that run on a node's real clock.
     */
    public static SageFixture create(LocalDate today) {
        String prefix = "sage" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid();
        SageFixture f =
                new SageFixture(
                        "jdbc:h2:mem:"
                                + prefix
                                + "_{database}"
                                + DemoSage.H2_SETTINGS
                                + ";DB_CLOSE_DELAY=-1");
        DemoSage.seed(f.template, USER, PASSWORD, today);
        return f;
    }

    /** Drops the three in-memory databases. */
    @Override
    public void close() {
        for (String db : DemoSage.DATABASES) {
            try (Connection c = connect(db)) {
                c.createStatement().execute("SHUTDOWN");
            } catch (SQLException e) {
                // already gone
            }
        }
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
}
