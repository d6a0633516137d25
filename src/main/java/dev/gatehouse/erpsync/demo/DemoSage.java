package dev.gatehouse.erpsync.demo;

import org.h2.tools.RunScript;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Sage 300 without Sage: the company, FESA and approvals databases of {@code /sage300/*.sql} (the
 * tables and columns the flows use, with realistic rows) loaded into H2 in SQL Server mode, every
 * date moved so that {@link #ROWS_DAY} falls on the day asked for. For the demo company and the
 * tests.
 */
public final class DemoSage {

    /** The company database, the FESA control database and the approvals database, in order. */
    public static final List<String> DATABASES =
            List.of("COPDAT", "FESA", "Autorizaciones_electronicas");

    /** The day the rows are written for. */
    public static final LocalDate ROWS_DAY = LocalDate.of(2026, 12, 7);

    /** The H2 settings that make it answer Sage's SQL as SQL Server would. */
    public static final String H2_SETTINGS =
            ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;LOCK_TIMEOUT=60000;"
                    + "CASE_INSENSITIVE_IDENTIFIERS=TRUE";

    private static final Pattern SAGE_DATE = Pattern.compile("(?<![0-9])20[0-9]{6}(?![0-9])");
    private static final Pattern ISO_DATE = Pattern.compile("'(20[0-9]{2}-[0-9]{2}-[0-9]{2})");

    private DemoSage() {}

    /**
     * Creates the three databases of {@code urlTemplate} ({@code {database}} replaced by each name)
     * as {@code user} and loads their tables and rows, dated for {@code today}.
     */
    public static void seed(String urlTemplate, String user, String password, LocalDate today) {
        long shift = ChronoUnit.DAYS.between(ROWS_DAY, today);
        load(urlTemplate, user, password, "COPDAT", shift, "company.sql", "company-rows.sql");
        load(urlTemplate, user, password, "FESA", shift, "fesa.sql", "fesa-rows.sql");
        load(
                urlTemplate,
                user,
                password,
                "Autorizaciones_electronicas",
                shift,
                "approvals.sql",
                "approvals-rows.sql");
    }

    private static void load(
            String template,
            String user,
            String password,
            String database,
            long shift,
            String... scripts) {
        try (Connection c =
                DriverManager.getConnection(
                        template.replace("{database}", database), user, password)) {
            for (String script : scripts) {
                String text;
                try (InputStream in =
                        Objects.requireNonNull(
                                DemoSage.class.getResourceAsStream("/sage300/" + script), script)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                try (Reader r = new StringReader(shift(text, shift))) {
                    RunScript.execute(c, r);
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("loading " + database + ": " + e.getMessage(), e);
        }
    }

    /** {@code script} with every yyyymmdd and 'yyyy-mm-dd' date moved by {@code days}. */
    static String shift(String script, long days) {
        if (days == 0) {
            return script;
        }
        String dates =
                SAGE_DATE
                        .matcher(script)
                        .replaceAll(
                                m -> {
                                    try {
                                        return LocalDate.parse(
                                                        m.group(), DateTimeFormatter.BASIC_ISO_DATE)
                                                .plusDays(days)
                                                .format(DateTimeFormatter.BASIC_ISO_DATE);
                                    } catch (DateTimeException e) {
                                        return m.group();
                                    }
                                });
        return ISO_DATE.matcher(dates)
                .replaceAll(m -> "'" + LocalDate.parse(m.group(1)).plusDays(days));
    }
}
