package dev.gatehouse.licensing;

import dev.gatehouse.kernel.cli.CommandUsage;
import dev.gatehouse.kernel.cli.ProductCommand;
import dev.gatehouse.kernel.cli.Terminal;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * {@code gatehouse license issue|revoke|list}: the license server's administration on the command
 * line. Each refuses to run unless this installation is a license server; {@code issue} prints the
 * new key once (it is stored only as a hash).
 */
@Configuration(proxyBeanMethods = false)
public class LicenseCommands {

    /** How the commands appear in {@code gatehouse --help}; declared by the product module. */
    public static final List<CommandUsage> USAGE =
            List.of(
                    new CommandUsage(
                            "license issue",
                            "--customer N [--expires YYYY-MM-DD|RFC 3339]  license server: print a"
                                    + " new license key once"),
                    new CommandUsage(
                            "license revoke",
                            "--id lic_…                 license server: its next validation says"
                                    + " inactive"),
                    new CommandUsage(
                            "license list",
                            "                             license server: every license and its"
                                    + " state"));

    /** The longest customer name. */
    static final int MAX_CUSTOMER = 200;

    @Bean
    ProductCommand licenseIssue(LicenseServer server) {
        return ProductCommand.of("license issue", (flags, t) -> issue(server, flags, t));
    }

    @Bean
    ProductCommand licenseRevoke(LicenseServer server) {
        return ProductCommand.of("license revoke", (flags, t) -> revoke(server, flags, t));
    }

    @Bean
    ProductCommand licenseList(LicenseServer server) {
        return ProductCommand.of("license list", (flags, t) -> list(server, t));
    }

    static int issue(LicenseServer server, Map<String, String> flags, Terminal t) {
        if (!on(server, t)) {
            return 1;
        }
        String customer = flags.get("customer");
        if (customer == null || customer.isBlank() || customer.length() > MAX_CUSTOMER) {
            t.complain("license issue needs --customer, 1 to " + MAX_CUSTOMER + " characters");
            return 2;
        }
        Instant expires = null;
        if (flags.containsKey("expires")) {
            expires = expiry(flags.get("expires"));
            if (expires == null) {
                t.complain(
                        "--expires must be a date such as 2027-01-31 (00:00 UTC) or an RFC 3339"
                                + " time such as 2027-01-31T00:00:00Z");
                return 2;
            }
            if (!expires.isAfter(server.now())) {
                t.complain("--expires must be in the future");
                return 2;
            }
        }
        Licenses.Issued issued = server.issue(customer.strip(), expires);
        t.say("License " + issued.license().publicId() + " for " + issued.license().customer());
        t.say("  expires: " + (expires == null ? "never" : expires.toString()));
        t.say("  key (shown once; set it as SAGECONNECT_API_KEY): " + issued.key());
        return 0;
    }

    static int revoke(LicenseServer server, Map<String, String> flags, Terminal t) {
        if (!on(server, t)) {
            return 1;
        }
        String id = flags.get("id");
        if (id == null || !id.startsWith("lic_")) {
            t.complain("license revoke needs --id lic_…");
            return 2;
        }
        if (!server.revoke(id)) {
            t.complain("No license " + id + " that is not revoked already.");
            return 1;
        }
        t.say("Revoked " + id + ": its next validation answers active: false.");
        return 0;
    }

    static int list(LicenseServer server, Terminal t) {
        if (!on(server, t)) {
            return 1;
        }
        List<Licenses.Row> rows = server.list();
        if (rows.isEmpty()) {
            t.say("No licenses yet: gatehouse license issue --customer NAME");
            return 0;
        }
        Instant now = server.now();
        for (Licenses.Row r : rows) {
            String state =
                    r.revokedAt() != null
                            ? "revoked " + r.revokedAt()
                            : r.activeAt(now) ? "active" : "expired";
            t.say(
                    r.publicId()
                            + "  "
                            + state
                            + "  expires "
                            + (r.expiresAt() == null ? "never" : r.expiresAt().toString())
                            + "  "
                            + r.customer());
        }
        return 0;
    }

    private static boolean on(LicenseServer server, Terminal t) {
        if (server.enabled()) {
            return true;
        }
        t.complain(
                "This installation is not a license server: set"
                        + " GATEHOUSE_LICENSE_SERVER_ENABLED=true and HMAC_SECRET.");
        return false;
    }

    private static @Nullable Instant expiry(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
