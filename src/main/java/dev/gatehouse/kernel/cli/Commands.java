package dev.gatehouse.kernel.cli;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.audit.AuditPruner;
import dev.gatehouse.kernel.audit.AuditSealer;
import dev.gatehouse.kernel.audit.AuditVerifier;
import dev.gatehouse.kernel.audit.Verification;
import dev.gatehouse.kernel.db.OwnerDatabase;
import dev.gatehouse.kernel.identity.AccountSecurity;
import dev.gatehouse.kernel.identity.PasswordReset;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.operator.TenantAdministration;
import dev.gatehouse.kernel.product.ProductModules;
import dev.gatehouse.kernel.tenancy.Plan;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Tenant;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.kernel.vault.RotationReport;
import dev.gatehouse.kernel.vault.VaultRotation;

import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The maintenance commands, run on a node without listeners. Each prints what it did; secrets it
 * creates are printed once, here, and never logged. Exit status: 0 done, 1 failed, 2 usage error.
 */
@Component
public class Commands {

    private static final Set<String> KNOWN = CommandUsage.KERNEL_GROUPS;
    private static final Actor CLI = Actor.system("cli");
    private static final SystemScope EVERY_CHAIN = new SystemScope("audit verify across tenants");

    private final TenantAdministration tenants;
    private final Tenants tenantRows;
    private final KeyIssuer issuer;
    private final VaultRotation rotation;
    private final AuditSealer sealer;
    private final AuditVerifier verifier;
    private final AuditPruner pruner;
    private final AuditLog audit;
    private final OwnerDatabase owner;
    private final AccountSecurity security;
    private final Map<String, ProductCommand> productCommands;

    Commands(
            AccountSecurity security,
            TenantAdministration tenants,
            Tenants tenantRows,
            KeyIssuer issuer,
            VaultRotation rotation,
            AuditSealer sealer,
            AuditVerifier verifier,
            AuditPruner pruner,
            AuditLog audit,
            OwnerDatabase owner,
            List<ProductCommand> productCommands) {
        this.tenants = tenants;
        this.tenantRows = tenantRows;
        this.issuer = issuer;
        this.rotation = rotation;
        this.sealer = sealer;
        this.verifier = verifier;
        this.pruner = pruner;
        this.audit = audit;
        this.owner = owner;
        this.security = security;
        this.productCommands =
                productCommands.stream()
                        .collect(Collectors.toUnmodifiableMap(ProductCommand::verb, c -> c));
    }

    public static boolean known(String command) {
        return KNOWN.contains(command)
                || ProductModules.installed().commands().stream()
                        .anyMatch(c -> c.group().equals(command));
    }

    public static void usage(Terminal t) {
        t.say("Usage: gatehouse [command]");
        t.say("  serve                                   run the service (default)");
        t.say("  tenant create --name N [--slug S] [--plan free|team|business] [--owner-email E]");
        t.say("  user reset-password --email E           print a one-time password once");
        t.say("  operator-key create --name N            print a new operator key once");
        t.say(
                "  vault rotate                            re-seal every secret under the newest"
                        + " key");
        t.say("  audit verify                            check every audit chain");
        t.say("  audit prune --before YYYY-MM-DD         delete older audit events (audited)");
        for (CommandUsage c : ProductModules.installed().commands()) {
            t.say("  " + c.verb() + " " + c.usage());
        }
    }

    /**
     * Runs {@code args} ({@code [command, subcommand, --flag, value…]}); returns the exit status.
     */
    public int run(String[] args, Terminal t) {
        String verb = args.length > 1 ? args[0] + " " + args[1] : args[0];
        Map<String, String> flags =
                flags(Arrays.copyOfRange(args, Math.min(2, args.length), args.length));
        return switch (verb) {
            case "tenant create" -> tenantCreate(flags, t);
            case "operator-key create" -> operatorKeyCreate(flags, t);
            case "vault rotate" -> vaultRotate(t);
            case "audit verify" -> auditVerify(t);
            case "audit prune" -> auditPrune(flags, t);
            case "user reset-password" -> resetPassword(flags, t);
            default -> {
                ProductCommand product = productCommands.get(verb);
                if (product != null) {
                    yield product.run(flags, t);
                }
                t.complain("Unknown command \"" + verb + "\".");
                usage(t);
                yield 2;
            }
        };
    }

    private int tenantCreate(Map<String, String> flags, Terminal t) {
        Optional<String> name = Optional.ofNullable(flags.get("name"));
        if (name.isEmpty()) {
            t.complain("tenant create needs --name");
            return 2;
        }
        Optional<Plan> plan = Plan.fromWire(flags.getOrDefault("plan", "free"));
        if (plan.isEmpty()) {
            t.complain("--plan must be free, team or business");
            return 2;
        }
        String slug = flags.get("slug");
        String ownerEmail =
                flags.getOrDefault(
                        "owner-email",
                        "admin@"
                                + (slug != null ? slug : TenantAdministration.slugOf(name.get()))
                                + ".local");
        return switch (tenants.create(name.get(), slug, plan.get(), ownerEmail, CLI)) {
            case TenantAdministration.Creation.Created(TenantAdministration.Onboarded o) -> {
                Tenant created = o.tenant().tenant();
                t.say("Tenant " + created.publicId() + " (" + created.slug() + ") created.");
                t.say(
                        "Admin API key (shown once, store it now): "
                                + o.adminKey().secret().reveal());
                if (o.owner() != null) {
                    t.say(
                            "Portal owner: "
                                    + o.owner().user().email()
                                    + " with one-time password "
                                    + o.owner().password().reveal()
                                    + " (changed at first sign-in)");
                }
                yield 0;
            }
            case TenantAdministration.Creation.SlugTaken(String taken) -> {
                t.complain("The slug \"" + taken + "\" is taken.");
                yield 1;
            }
            case TenantAdministration.Creation.Invalid(String field, String message) -> {
                t.complain("--" + field.replace('_', '-') + " " + message);
                yield 2;
            }
        };
    }

    private int operatorKeyCreate(Map<String, String> flags, Terminal t) {
        String name = flags.get("name");
        if (name == null || name.isBlank() || name.length() > 200) {
            t.complain("operator-key create needs --name (1 to 200 characters)");
            return 2;
        }
        KeyIssuer.IssuedKey key = issuer.issueOperatorKey(name.strip(), CLI);
        t.say(
                "Operator key "
                        + key.key().publicId()
                        + " (shown once, store it now): "
                        + key.secret().reveal());
        return 0;
    }

    private int resetPassword(Map<String, String> flags, Terminal t) {
        String email = flags.get("email");
        if (email == null || email.isBlank()) {
            t.complain("user reset-password needs --email");
            return 2;
        }
        return switch (security.resetPassword(email)) {
            case PasswordReset.Reset(var user, var password) -> {
                t.say(
                        "One-time password for "
                                + user.email()
                                + " (shown once; changed at next sign-in): "
                                + password.reveal());
                yield 0;
            }
            case PasswordReset.UnknownEmail u -> {
                t.complain("No user has the e-mail " + email + ".");
                yield 1;
            }
        };
    }

    private int vaultRotate(Terminal t) {
        RotationReport r = rotation.rotate();
        audit.record(
                AuditEntry.of(null, CLI, "vault.rotated")
                        .allowed()
                        .withDetails(
                                Map.of(
                                        "columns",
                                        r.columns(),
                                        "examined",
                                        r.examined(),
                                        "resealed",
                                        r.resealed(),
                                        "failed",
                                        r.failed(),
                                        "skipped",
                                        r.skipped())));
        t.say(
                "Vault rotation: "
                        + r.resealed()
                        + " re-sealed, "
                        + r.failed()
                        + " could not be opened, "
                        + r.skipped()
                        + " changed by a concurrent writer (run again to finish), across "
                        + r.columns()
                        + " column(s).");
        return r.failed() == 0 ? 0 : 1;
    }

    private int auditVerify(Terminal t) {
        sealer.sealNow();
        boolean ok = report(t, "platform", verifier.verifyPlatform());
        for (Tenant tenant : tenantRows.all(EVERY_CHAIN)) {
            ok &= report(t, tenant.publicId(), verifier.verify(tenant.id()));
        }
        return ok ? 0 : 1;
    }

    private static boolean report(Terminal t, String chain, Verification v) {
        t.say(
                chain
                        + ": "
                        + (v.ok()
                                ? "ok, " + v.checked() + " event(s) checked"
                                : "BROKEN at "
                                        + v.firstBrokenPublicId()
                                        + " after "
                                        + v.checked()
                                        + " event(s)"));
        return v.ok();
    }

    private int auditPrune(Map<String, String> flags, Terminal t) {
        String before = flags.get("before");
        if (before == null) {
            t.complain("audit prune needs --before YYYY-MM-DD");
            return 2;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(before);
        } catch (DateTimeParseException e) {
            t.complain("--before must be a date like 2026-01-31, was \"" + before + "\"");
            return 2;
        }
        sealer.sealNow();
        AuditPruner.PruneResult r;
        try {
            r =
                    pruner.pruneBefore(
                            date.atStartOfDay().toInstant(ZoneOffset.UTC), owner.dataSource(), CLI);
        } catch (IllegalArgumentException e) {
            t.complain("--before " + e.getMessage());
            return 2;
        }
        t.say(
                "Pruned "
                        + r.eventsDeleted()
                        + " audit event(s) before "
                        + r.before()
                        + " across "
                        + r.chainsPruned()
                        + " chain(s); recorded as "
                        + r.auditEventId()
                        + ".");
        return 0;
    }

    static Map<String, String> flags(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    out.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.length) {
                    out.put(name, args[++i]);
                } else {
                    out.put(name, "");
                }
            } else {
                out.putIfAbsent("_", args[i]);
            }
        }
        return out;
    }
}
