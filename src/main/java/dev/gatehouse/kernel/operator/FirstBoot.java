package dev.gatehouse.kernel.operator;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.cli.Terminal;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.tenancy.Plan;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * On the very first start of a development installation, creates a first tenant with its admin key
 * and an operator key, and prints them once on the terminal (never to the log). The fact that it
 * ran is recorded in the same transaction, so it happens exactly once even when several nodes start
 * together, and never again. At every start it also warns, in the log, when development secrets are
 * in use.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE) // before the runners that need the first tenant (a demo)
class FirstBoot implements ApplicationRunner {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FirstBoot.class);
    private static final SystemScope BOOTSTRAP = new SystemScope("first-boot bootstrap");
    private static final Actor BY = Actor.system("bootstrap");

    private final Transactions tx;
    private final JdbcClient jdbc;
    private final TenantAdministration tenants;
    private final KeyIssuer issuer;
    private final Terminal terminal;
    private final Settings settings;
    private final Clock clock;

    FirstBoot(
            Transactions tx,
            JdbcClient jdbc,
            TenantAdministration tenants,
            KeyIssuer issuer,
            Terminal terminal,
            Settings settings,
            Clock clock) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.issuer = issuer;
        this.terminal = terminal;
        this.settings = settings;
        this.clock = clock;
    }

    private record Bootstrap(
            TenantAdministration.Onboarded tenant, KeyIssuer.IssuedKey operatorKey) {}

    @Override
    public void run(ApplicationArguments args) {
        if (settings.production()) {
            // Production credentials never go to stdout (often collected with the logs): operators
            // create them with `gatehouse tenant create` and `gatehouse operator-key create`.
            return;
        }
        if (!settings.developmentSecrets().isEmpty()) {
            log.warn(
                    "Development secrets in use for {} (from {}); set your own before production",
                    settings.developmentSecrets(),
                    settings.dataDir().resolve("dev-secrets.env"));
        }
        Bootstrap done =
                tx.inSystem(
                        BOOTSTRAP,
                        () -> {
                            int claimed =
                                    jdbc.sql(
                                                    "insert into installation_facts (name, value,"
                                                        + " recorded_at) values ('bootstrapped',"
                                                        + " 'first boot', ?) on conflict (name) do"
                                                        + " nothing")
                                            .param(
                                                    clock.instant()
                                                            .atOffset(java.time.ZoneOffset.UTC))
                                            .update();
                            if (claimed == 0 || tenants.anyTenant()) {
                                // Already bootstrapped, or an operator created tenants with the
                                // command line first.
                                return null;
                            }
                            var created =
                                    tenants.create(
                                            "Default",
                                            "default",
                                            Plan.FREE,
                                            settings.kernel().bootstrapAdminEmail(),
                                            BY);
                            if (!(created
                                    instanceof
                                    TenantAdministration.Creation.Created(
                                            TenantAdministration.Onboarded o))) {
                                throw new IllegalStateException(
                                        "first-boot tenant could not be created: " + created);
                            }
                            return new Bootstrap(
                                    o, issuer.issueOperatorKey("Bootstrap operator key", BY));
                        });
        if (done != null) {
            print(done);
        }
    }

    private void print(Bootstrap b) {
        terminal.say("");
        terminal.say("=== Gatehouse first run: these credentials are shown once, never again ===");
        terminal.say("Public URL:        " + settings.listeners().publicUrl());
        terminal.say(
                "Tenant:            "
                        + b.tenant().tenant().tenant().name()
                        + " ("
                        + b.tenant().tenant().tenant().publicId()
                        + ")");
        var owner = java.util.Objects.requireNonNull(b.tenant().owner(), "bootstrap owner");
        terminal.say("Portal:            " + settings.listeners().publicUrl() + "/portal");
        terminal.say("Admin e-mail:      " + owner.user().email());
        terminal.say(
                "One-time password: "
                        + owner.password().reveal()
                        + "  (you choose your own at first sign-in)");
        terminal.say("Tenant admin key:  " + b.tenant().adminKey().secret().reveal());
        terminal.say("Operator key:      " + b.operatorKey().secret().reveal());
        terminal.say(
                "Try: curl -H 'Authorization: Bearer <tenant admin key>' "
                        + settings.listeners().publicUrl()
                        + "/v1/whoami");
        terminal.say("===========================================================================");
        terminal.say("");
    }
}
