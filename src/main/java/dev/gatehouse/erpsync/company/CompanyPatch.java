package dev.gatehouse.erpsync.company;

import dev.gatehouse.erpsync.company.CompanyRequests.AddressBody;
import dev.gatehouse.erpsync.company.CompanyRequests.CompanyBody;
import dev.gatehouse.erpsync.company.CompanyRequests.DatabasesBody;
import dev.gatehouse.erpsync.company.CompanyRequests.ImporterBody;
import dev.gatehouse.erpsync.company.CompanyRequests.IssuerBody;
import dev.gatehouse.erpsync.company.CompanyRequests.PortalBody;
import dev.gatehouse.erpsync.company.CompanyRequests.SqlBody;

import org.jspecify.annotations.Nullable;

/**
 * A {@code PATCH} body laid over the stored company: a field the patch names replaces the stored
 * one, inside nested objects too ({@code {"portal": {"secret": "…"}}} changes only the secret), and
 * a field it omits is kept. Two ways to clear what has no other empty value: {@code "importer": {}}
 * removes the importer, {@code "url_template": ""} returns to the default URL. Secrets are not part
 * of the stored body; omitted, they are kept by {@link CompanyAdministration}.
 */
final class CompanyPatch {

    private CompanyPatch() {}

    /** The stored company as a body, without its secrets. */
    static CompanyBody bodyOf(Company company) {
        CompanyConfig c = company.config();
        CompanyConfig.Address a = c.addressDefaults();
        return new CompanyBody(
                company.name(),
                new PortalBody(c.portal().url(), c.portal().tenantId(), null, null),
                new SqlBody(
                        c.sql().host(),
                        c.sql().port(),
                        c.sql().user(),
                        null,
                        c.sql().trustServerCertificate(),
                        c.sql().urlTemplate()),
                new DatabasesBody(
                        c.databases().company(),
                        c.databases().control(),
                        c.databases().approvals()),
                c.externalId(),
                new IssuerBody(c.issuer().name(), c.issuer().rfc(), c.issuer().regime()),
                c.cron(),
                c.timeZone(),
                c.importer() == null
                        ? null
                        : new ImporterBody(c.importer().program(), c.importer().argument()),
                c.downloadsPath(),
                new AddressBody(
                        a.street(),
                        a.city(),
                        a.state(),
                        a.country(),
                        a.zip(),
                        a.municipality(),
                        a.identifier()),
                c.skipLocations(),
                c.mailRecipients(),
                company.enabled());
    }

    /** {@code patch} over {@code base}. */
    static CompanyBody merge(CompanyBody base, CompanyBody patch) {
        return new CompanyBody(
                or(patch.name(), base.name()),
                portal(base.portal(), patch.portal()),
                sql(base.sql(), patch.sql()),
                databases(base.databases(), patch.databases()),
                or(patch.externalId(), base.externalId()),
                issuer(base.issuer(), patch.issuer()),
                or(patch.cron(), base.cron()),
                or(patch.timeZone(), base.timeZone()),
                importer(base.importer(), patch.importer()),
                or(patch.downloadsPath(), base.downloadsPath()),
                address(base.addressDefaults(), patch.addressDefaults()),
                or(patch.skipLocations(), base.skipLocations()),
                or(patch.mailRecipients(), base.mailRecipients()),
                or(patch.enabled(), base.enabled()));
    }

    private static @Nullable PortalBody portal(@Nullable PortalBody b, @Nullable PortalBody p) {
        if (p == null || b == null) {
            return p == null ? b : p;
        }
        return new PortalBody(
                or(p.url(), b.url()), or(p.tenantId(), b.tenantId()), p.key(), p.secret());
    }

    private static @Nullable SqlBody sql(@Nullable SqlBody b, @Nullable SqlBody p) {
        if (p == null || b == null) {
            return p == null ? b : p;
        }
        return new SqlBody(
                or(p.host(), b.host()),
                or(p.port(), b.port()),
                or(p.user(), b.user()),
                p.password(),
                or(p.trustServerCertificate(), b.trustServerCertificate()),
                or(p.urlTemplate(), b.urlTemplate()));
    }

    private static @Nullable DatabasesBody databases(
            @Nullable DatabasesBody b, @Nullable DatabasesBody p) {
        if (p == null || b == null) {
            return p == null ? b : p;
        }
        return new DatabasesBody(
                or(p.company(), b.company()),
                or(p.control(), b.control()),
                or(p.approvals(), b.approvals()));
    }

    private static @Nullable IssuerBody issuer(@Nullable IssuerBody b, @Nullable IssuerBody p) {
        if (p == null || b == null) {
            return p == null ? b : p;
        }
        return new IssuerBody(
                or(p.name(), b.name()), or(p.rfc(), b.rfc()), or(p.regime(), b.regime()));
    }

    private static @Nullable ImporterBody importer(
            @Nullable ImporterBody b, @Nullable ImporterBody p) {
        if (p == null) {
            return b;
        }
        if (p.program() == null && p.argument() == null) {
            return null;
        }
        return b == null
                ? p
                : new ImporterBody(or(p.program(), b.program()), or(p.argument(), b.argument()));
    }

    private static @Nullable AddressBody address(@Nullable AddressBody b, @Nullable AddressBody p) {
        if (p == null || b == null) {
            return p == null ? b : p;
        }
        return new AddressBody(
                or(p.street(), b.street()),
                or(p.city(), b.city()),
                or(p.state(), b.state()),
                or(p.country(), b.country()),
                or(p.zip(), b.zip()),
                or(p.municipality(), b.municipality()),
                or(p.identifier(), b.identifier()));
    }

    private static <T> @Nullable T or(@Nullable T patch, @Nullable T base) {
        return patch != null ? patch : base;
    }
}
