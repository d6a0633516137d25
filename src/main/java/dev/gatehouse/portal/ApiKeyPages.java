package dev.gatehouse.portal;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.keys.ApiKeys;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.keys.ScopeCatalog;
import dev.gatehouse.kernel.keys.StoredKey;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings → API keys: the tenant's keys, creating one (its secret shown on the answer page, once,
 * never again), and revoking. Minting goes through {@link KeyIssuer}, so the no-escalation rule is
 * the same as the API's: a person can only give a key scopes their role holds.
 */
@Controller
class ApiKeyPages {

    private final ApiKeys keys;
    private final KeyIssuer issuer;
    private final ScopeCatalog catalog;

    ApiKeyPages(ApiKeys keys, KeyIssuer issuer, ScopeCatalog catalog) {
        this.keys = keys;
        this.issuer = issuer;
        this.catalog = catalog;
    }

    static final int PAGE = 25;

    @GetMapping("/portal/settings/api-keys")
    ModelAndView list(
            HttpServletRequest request, @RequestParam(required = false) @Nullable String after) {
        return listWith(request, null, after);
    }

    @PostMapping("/portal/settings/api-keys")
    ModelAndView create(
            HttpServletRequest request,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(name = "scope", required = false) @Nullable List<String> scopeNames) {
        PortalUser user = requireKeysAdmin(request);
        Msg msg = PortalContext.of(request).msg();
        Set<Scope> scopes = new TreeSet<>();
        for (String s : scopeNames == null ? List.<String>of() : scopeNames) {
            Optional<Scope> scope = catalog.find(s);
            if (scope.isEmpty()) {
                return listWith(request, msg.text("keys.badScope"), null);
            }
            scopes.add(scope.get());
        }
        KeyIssuer.Minter minter =
                new KeyIssuer.Minter(
                        user.tenant(), user.scopes(), Actor.user(user.publicId(), user.email()));
        return switch (issuer.mint(minter, name, scopes, null)) {
            case KeyIssuer.Minted.Issued(KeyIssuer.IssuedKey issued) ->
                    Pages.page(
                            "apiKeyCreated",
                            request,
                            "key",
                            issued.key(),
                            "secret",
                            issued.secret().reveal());
            case KeyIssuer.Minted.Refused(KeyIssuer.Refusal refusal) ->
                    listWith(
                            request,
                            switch (refusal) {
                                case KeyIssuer.Refusal.Escalation e -> msg.text("keys.escalation");
                                case KeyIssuer.Refusal.MissingScope m -> msg.text("keys.forbidden");
                                case KeyIssuer.Refusal.Invalid i ->
                                        msg.text("keys.invalid." + i.field());
                            },
                            null);
        };
    }

    @PostMapping("/portal/settings/api-keys/{id}/revoke")
    String revoke(HttpServletRequest request, @PathVariable String id) {
        PortalUser user = requireKeysAdmin(request);
        if (!PublicIds.looksLike("key", id)
                || issuer.revoke(user.tenant(), id, Actor.user(user.publicId(), user.email()))
                        .isEmpty()) {
            throw ApiProblem.notFound("No such API key.");
        }
        return "redirect:/portal/settings/api-keys";
    }

    private ModelAndView listWith(
            HttpServletRequest request, @Nullable String error, @Nullable String after) {
        PortalUser user = requireKeysAdmin(request);
        long afterId =
                after == null || !PublicIds.looksLike("key", after)
                        ? 0
                        : keys.find(user.tenant(), after).map(StoredKey::id).orElse(0L);
        List<StoredKey> rows = keys.list(user.tenant(), afterId, PAGE + 1);
        List<StoredKey> all = rows.stream().limit(PAGE).toList();
        String next =
                rows.size() > PAGE
                        ? "/portal/settings/api-keys?after=" + all.getLast().publicId()
                        : null;
        List<String> grantable =
                user.scopes().stream()
                        .filter(s -> !s.equals(Scope.TENANTS_ADMIN))
                        .sorted()
                        .map(Scope::wire)
                        .toList();
        return Pages.page(
                "apiKeys",
                request,
                "keys",
                all,
                "grantable",
                grantable,
                "error",
                error,
                "nextLink",
                next);
    }

    private static PortalUser requireKeysAdmin(HttpServletRequest request) {
        PortalUser user = PortalContext.of(request).signedIn();
        if (!user.can(Scope.KEYS_ADMIN)) {
            throw ApiProblem.forbidden("Your role cannot manage API keys.");
        }
        return user;
    }
}
