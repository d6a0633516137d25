package dev.gatehouse.kernel.cli;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.operator.TenantAdministration;
import dev.gatehouse.kernel.tenancy.Plan;

/**
 * The maintenance commands, run on a node without listeners. Each prints what it did; secrets it
 * creates are printed once, here, and never logged.
 */
@Component
public class Commands {

    private static final Set<String> KNOWN = Set.of("tenant", "operator-key", "vault", "audit", "user");

    private final TenantAdministration tenants;
    private final KeyIssuer issuer;

    Commands(TenantAdministration tenants, KeyIssuer issuer) {
        this.tenants = tenants;
        this.issuer = issuer;
    }

    public static boolean known(String command) {
        return KNOWN.contains(command);
    }

    public static void usage(Terminal t) {
        t.say("Usage: gatehouse [command]");
        t.say("  serve                                   run the service (default)");
        t.say("  tenant create --name N [--slug S] [--plan free|team|business]");
        t.say("  operator-key create --name N            print a new operator key once");
        t.say("  vault rotate                            re-seal every secret under the newest key");
        t.say("  audit verify                            check every audit chain");
        t.say("  audit prune --before YYYY-MM-DD         delete older audit events (audited)");
    }

    /** Runs {@code args} ({@code [command, subcommand, --flag, value…]}); returns the exit status. */
    public int run(String[] args, Terminal t) {
        String verb = args.length > 1 ? args[0] + " " + args[1] : args[0];
        Map<String, String> flags = flags(Arrays.copyOfRange(args, Math.min(2, args.length), args.length));
        return switch (verb) {
            case "tenant create" -> tenantCreate(flags, t);
            case "operator-key create" -> operatorKeyCreate(flags, t);
            default -> {
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
        return switch (tenants.create(name.get(), flags.get("slug"), plan.get(), "cli")) {
            case TenantAdministration.Creation.Created(TenantAdministration.Onboarded o) -> {
                t.say("Tenant " + o.tenant().publicId() + " (" + o.tenant().slug() + ") created.");
                t.say("Admin API key (shown once, store it now): " + o.adminKey().secret().reveal());
                yield 0;
            }
            case TenantAdministration.Creation.SlugTaken(String slug) -> {
                t.complain("The slug \"" + slug + "\" is taken.");
                yield 1;
            }
            case TenantAdministration.Creation.Invalid(String field, String message) -> {
                t.complain("--" + field + " " + message);
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
        KeyIssuer.IssuedKey key = issuer.issueOperatorKey(name.strip(), "cli");
        t.say("Operator key " + key.key().publicId() + " (shown once, store it now): " + key.secret().reveal());
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
            }
        }
        return out;
    }
}
