package dev.gatehouse.erpsync.company;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * A company's validated configuration without its secrets, as stored in {@code
 * sync_companies.config} and shown by the API. Built only by {@link CompanyRequests}.
 *
 * @param cron five-field cron expression, evaluated in {@code timeZone}
 * @param timeZone IANA zone for "today" and the schedule
 * @param downloadsPath the company's folder for the importer's XML files, relative to {@code
 *     SYNC_DOWNLOADS_ROOT}
 */
public record CompanyConfig(
        Portal portal,
        Sql sql,
        Databases databases,
        String externalId,
        Issuer issuer,
        String cron,
        String timeZone,
        @Nullable Importer importer,
        String downloadsPath,
        Address addressDefaults,
        List<String> skipLocations,
        List<String> mailRecipients) {

    private static final JsonMapper JSON =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .build();

    public CompanyConfig {
        skipLocations = List.copyOf(skipLocations);
        mailRecipients = List.copyOf(mailRecipients);
    }

    /** The Focaltec portal account; key and secret are in {@link CompanySecrets}. */
    public record Portal(String url, String tenantId) {}

    /**
     * The SQL Server login; the password is in {@link CompanySecrets}.
     *
     * @param urlTemplate a JDBC URL with {@code {host}}, {@code {port}} and {@code {database}}, or
     *     null for the default {@code jdbc:sqlserver:} URL
     */
    public record Sql(
            String host,
            int port,
            String user,
            boolean trustServerCertificate,
            @Nullable String urlTemplate) {}

    /** The Sage company database, the FESA control database and the approvals database. */
    public record Databases(String company, String control, String approvals) {}

    /** The company as the issuer of the providers XML ({@code Emisor}). */
    public record Issuer(String name, String rfc, String regime) {}

    /** The importer program (one of {@code SYNC_IMPORTER_PROGRAMS}) and its one argument. */
    public record Importer(String program, String argument) {}

    /** The PO shipping address used when the Sage location has none; every part may be empty. */
    public record Address(
            String street,
            String city,
            String state,
            String country,
            String zip,
            String municipality,
            String identifier) {

        static Address empty() {
            return new Address("", "", "", "", "", "", "");
        }
    }

    String toJson() {
        return JSON.writeValueAsString(this);
    }

    static CompanyConfig fromJson(String json) {
        return JSON.readValue(json, CompanyConfig.class);
    }
}
