package dev.gatehouse.portal;

import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.kernel.keys.Scope;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * The portal's menu. Adding a page to the portal is: a controller under {@code /portal/…}, a JTE
 * template that calls {@code layout}, message keys in both bundles, and one line here.
 */
public final class Navigation {

    /** A menu entry, shown to people who hold {@code needs} (or to everyone when null). */
    public record Item(String path, String messageKey, @Nullable Scope needs) {}

    static final List<Item> ITEMS =
            List.of(
                    new Item("/portal/home", "nav.home", null),
                    new Item("/portal/domains", "nav.domains", DomainScopes.APPS_READ),
                    new Item("/portal/gateway", "nav.gateway", GatewayScopes.READ),
                    new Item("/portal/audit", "nav.audit", Scope.AUDIT_READ),
                    new Item("/portal/settings/api-keys", "nav.apiKeys", Scope.KEYS_ADMIN),
                    new Item("/portal/settings/users", "nav.users", null),
                    new Item("/portal/account", "nav.account", null));

    private Navigation() {}

    /** The entries this person may open. */
    public static List<Item> visibleTo(PortalUser user) {
        return ITEMS.stream().filter(i -> i.needs() == null || user.can(i.needs())).toList();
    }

    /** True when {@code item} is the section the current page belongs to. */
    public static boolean current(Item item, String path) {
        return path.equals(item.path()) || path.startsWith(item.path() + "/");
    }
}
