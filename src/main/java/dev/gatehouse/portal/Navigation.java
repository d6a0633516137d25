package dev.gatehouse.portal;

import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.erpsync.SyncScopes;
import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.kernel.keys.Scope;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Set;

/**
 * The portal's menu. Adding a page to the portal is: a controller under {@code /portal/…}, a JTE
 * template that calls {@code layout}, message keys in both bundles, and one line here.
 */
public final class Navigation {

    /**
     * A menu entry, shown to people who hold {@code needs} (or to everyone when null), and only
     * while {@code product} (a product module's name; null for the kernel's pages) is switched on.
     */
    public record Item(
            String path, String messageKey, @Nullable Scope needs, @Nullable String product) {}

    static final List<Item> ITEMS =
            List.of(
                    new Item("/portal/home", "nav.home", null, null),
                    new Item("/portal/domains", "nav.domains", DomainScopes.APPS_READ, "domains"),
                    new Item("/portal/gateway", "nav.gateway", GatewayScopes.READ, "gateway"),
                    new Item("/portal/sync", "nav.sync", SyncScopes.READ, "sync"),
                    new Item("/portal/audit", "nav.audit", Scope.AUDIT_READ, null),
                    new Item("/portal/settings/api-keys", "nav.apiKeys", Scope.KEYS_ADMIN, null),
                    new Item("/portal/settings/users", "nav.users", null, null),
                    new Item("/portal/account", "nav.account", null, null));

    private Navigation() {}

    /** The entries this person may open, of the kernel and of the products switched on. */
    public static List<Item> visibleTo(PortalUser user, Set<String> productsOn) {
        return ITEMS.stream()
                .filter(i -> i.product() == null || productsOn.contains(i.product()))
                .filter(i -> i.needs() == null || user.can(i.needs()))
                .toList();
    }

    /** True when {@code item} is the section the current page belongs to. */
    public static boolean current(Item item, String path) {
        return path.equals(item.path()) || path.startsWith(item.path() + "/");
    }
}
