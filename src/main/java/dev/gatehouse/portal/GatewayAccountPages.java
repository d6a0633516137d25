package dev.gatehouse.portal;

import dev.gatehouse.gateway.access.AccessAdministration;
import dev.gatehouse.gateway.access.Account;
import dev.gatehouse.gateway.access.Accounts;
import dev.gatehouse.gateway.access.Actors;
import dev.gatehouse.gateway.access.GatewayActor;
import dev.gatehouse.gateway.controls.Holder;
import dev.gatehouse.gateway.controls.Policies;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ERP Access → Accounts: the tenant's accounts (create one), an account's page with its status
 * (suspend and reactivate, after a confirmation) and its actors (create, disable and enable, after
 * a confirmation), and the policies attached to it. Reading needs {@code gateway:read}, changing
 * {@code gateway:admin}; every change goes through {@link AccessAdministration}, as {@code
 * /v1/gateway/accounts} does.
 */
@Controller
class GatewayAccountPages {

    static final int PAGE = 25;
    static final String BASE = "/portal/gateway";

    /** The most policies an account page lists; the Policies tab has them all. */
    static final int POLICIES_SHOWN = 50;

    private final GatewayAccess access;
    private final Accounts accounts;
    private final Actors actors;
    private final AccessAdministration administration;
    private final Policies policies;

    GatewayAccountPages(
            GatewayAccess access,
            Accounts accounts,
            Actors actors,
            AccessAdministration administration,
            Policies policies) {
        this.access = access;
        this.accounts = accounts;
        this.actors = actors;
        this.administration = administration;
        this.policies = policies;
    }

    @GetMapping(BASE)
    ModelAndView list(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String done) {
        return listWith(request, GatewayForm.blank(), after, GatewayAccess.notice(done));
    }

    @PostMapping(BASE + "/accounts")
    ModelAndView create(HttpServletRequest request, @RequestParam(defaultValue = "") String name) {
        PortalUser user = GatewayAccess.admin(request);
        String n = GatewayRules.name(name);
        if (n == null) {
            return listWith(
                    request,
                    GatewayForm.of(Map.of("name", name))
                            .refused(
                                    Map.of("name", "gateway.error.name"),
                                    PortalContext.of(request).msg()),
                    null,
                    null);
        }
        Account a =
                administration.createAccount(
                        user.tenant(), n, Account.Status.ACTIVE, GatewayAccess.actor(user));
        return new ModelAndView(
                "redirect:" + BASE + "/accounts/" + a.publicId() + "?done=accountCreated");
    }

    @GetMapping(BASE + "/accounts/{id}")
    ModelAndView detail(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String done) {
        PortalUser user = GatewayAccess.reader(request);
        return page(
                request,
                user,
                access.account(user, id),
                GatewayForm.blank(),
                after,
                GatewayAccess.notice(done));
    }

    @PostMapping(BASE + "/accounts/{id}/status")
    ModelAndView status(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String confirm) {
        PortalUser user = GatewayAccess.admin(request);
        Account account = access.account(user, id);
        Account.Status to = Account.Status.fromWire(status);
        String path = BASE + "/accounts/" + account.publicId();
        if (to == null) {
            throw ApiProblem.badRequest("status", "must be active or suspended");
        }
        Msg msg = PortalContext.of(request).msg();
        if (!GatewayConfirmation.confirmed(confirm)) {
            boolean suspend = to == Account.Status.SUSPENDED;
            return new GatewayConfirmation(
                            suspend
                                    ? "gateway.account.suspendTitle"
                                    : "gateway.account.reactivateTitle",
                            msg.text(
                                    suspend
                                            ? "gateway.account.suspendConfirm"
                                            : "gateway.account.reactivateConfirm",
                                    account.name()),
                            path + "/status",
                            Map.of("status", to.wire()),
                            suspend ? "gateway.account.suspend" : "gateway.account.reactivate",
                            path)
                    .page(request);
        }
        if (to != account.status()) {
            administration.updateAccount(
                    user.tenant(), account, account.name(), to, GatewayAccess.actor(user));
        }
        return new ModelAndView(
                "redirect:"
                        + path
                        + "?done="
                        + (to == Account.Status.SUSPENDED
                                ? "accountSuspended"
                                : "accountReactivated"));
    }

    @PostMapping(BASE + "/accounts/{id}/actors")
    ModelAndView createActor(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String email) {
        PortalUser user = GatewayAccess.admin(request);
        Account account = access.account(user, id);
        String n = GatewayRules.name(name);
        boolean emailOk = GatewayRules.email(email);
        if (n == null || !emailOk) {
            Map<String, String> errors = new LinkedHashMap<>();
            if (n == null) {
                errors.put("name", "gateway.error.name");
            }
            if (!emailOk) {
                errors.put("email", "gateway.error.email");
            }
            return page(
                    request,
                    user,
                    account,
                    GatewayForm.of(Map.of("name", name, "email", email))
                            .refused(errors, PortalContext.of(request).msg()),
                    null,
                    null);
        }
        GatewayActor created =
                administration.createActor(
                        user.tenant(),
                        account,
                        n,
                        email.isBlank() ? null : email.strip(),
                        GatewayActor.Status.ACTIVE,
                        GatewayAccess.actor(user));
        return new ModelAndView(
                "redirect:" + BASE + "/actors/" + created.publicId() + "?done=actorCreated");
    }

    private ModelAndView listWith(
            HttpServletRequest request,
            GatewayForm form,
            @Nullable String after,
            @Nullable String notice) {
        PortalUser user = GatewayAccess.reader(request);
        long afterId = access.findAccount(user, after).map(Account::id).orElse(0L);
        List<Account> rows = accounts.list(user.tenant(), afterId, PAGE + 1);
        ListedPage<Account> listed = ListedPage.of(rows, PAGE, BASE, Account::publicId);
        List<Account> page = listed.rows();
        String next = listed.nextLink();
        return Pages.page(
                "gateway/accounts",
                request,
                "accounts",
                page,
                "form",
                form,
                "canAdmin",
                GatewayAccess.canAdmin(user),
                "nextLink",
                next,
                "notice",
                notice);
    }

    private ModelAndView page(
            HttpServletRequest request,
            PortalUser user,
            Account account,
            GatewayForm form,
            @Nullable String after,
            @Nullable String notice) {
        long afterId =
                access.findActor(user, after)
                        .filter(a -> a.accountId() == account.id())
                        .map(GatewayActor::id)
                        .orElse(0L);
        List<GatewayActor> rows = actors.list(user.tenant(), account.id(), afterId, PAGE + 1);
        ListedPage<GatewayActor> listed =
                ListedPage.of(
                        rows,
                        PAGE,
                        BASE + "/accounts/" + account.publicId(),
                        GatewayActor::publicId);
        List<GatewayActor> page = listed.rows();
        String next = listed.nextLink();
        return Pages.page(
                "gateway/account",
                request,
                "account",
                account,
                "actors",
                page,
                "policies",
                policies.listOf(
                        user.tenant(),
                        new Holder.Account(account.id(), account.publicId()),
                        0,
                        POLICIES_SHOWN),
                "form",
                form,
                "canAdmin",
                GatewayAccess.canAdmin(user),
                "nextLink",
                next,
                "notice",
                notice);
    }
}
