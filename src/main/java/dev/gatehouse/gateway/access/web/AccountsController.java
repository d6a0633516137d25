package dev.gatehouse.gateway.access.web;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.gateway.access.AccessAdministration;
import dev.gatehouse.gateway.access.Account;
import dev.gatehouse.gateway.access.Accounts;
import dev.gatehouse.gateway.access.Actors;
import dev.gatehouse.gateway.access.GatewayActor;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.Page;
import dev.gatehouse.kernel.web.PageRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/gateway/accounts} and their actors. Reads need {@code gateway:read}, changes {@code
 * gateway:admin}. Suspending an account or disabling an actor refuses its credential sets on every
 * node before the answer.
 */
@RestController
@RequestMapping("/v1/gateway")
class AccountsController {

    private final Accounts accounts;
    private final Actors actors;
    private final AccessAdministration administration;
    private final Owned owned;

    AccountsController(
            Accounts accounts, Actors actors, AccessAdministration administration, Owned owned) {
        this.accounts = accounts;
        this.actors = actors;
        this.administration = administration;
        this.owned = owned;
    }

    @GetMapping("/accounts")
    Page<AccessViews.AccountView> list(
            Caller caller,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TenantId tenant = caller.tenantWith(GatewayScopes.READ);
        PageRequest page = PageRequest.of(limit, cursor);
        long after = page.startAfter(0, id -> owned.findAccount(tenant, id).map(Account::id));
        return page.cut(
                accounts.list(tenant, after, page.fetchSize()),
                Account::publicId,
                AccessViews.AccountView::of);
    }

    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccessViews.AccountView create(Caller caller, @RequestBody AccessRequests.AccountCreate body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        String name = AccessRequests.requiredName(body.name());
        Account.Status status = AccessRequests.accountStatus(body.status(), Account.Status.ACTIVE);
        return AccessViews.AccountView.of(
                administration.createAccount(tenant, name, status, KeyIssuer.actorOf(caller)));
    }

    @GetMapping("/accounts/{id}")
    AccessViews.AccountView get(Caller caller, @PathVariable String id) {
        return AccessViews.AccountView.of(owned.account(caller.tenantWith(GatewayScopes.READ), id));
    }

    @PatchMapping("/accounts/{id}")
    AccessViews.AccountView update(
            Caller caller,
            @PathVariable String id,
            @RequestBody AccessRequests.AccountUpdate body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        Account current = owned.account(tenant, id);
        String name = body.name() == null ? current.name() : AccessRequests.name(body.name());
        Account.Status status = AccessRequests.accountStatus(body.status(), current.status());
        return AccessViews.AccountView.of(
                administration.updateAccount(
                        tenant, current, name, status, KeyIssuer.actorOf(caller)));
    }

    @GetMapping("/accounts/{id}/actors")
    Page<AccessViews.ActorView> actors(
            Caller caller,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TenantId tenant = caller.tenantWith(GatewayScopes.READ);
        Account account = owned.account(tenant, id);
        PageRequest page = PageRequest.of(limit, cursor);
        long after =
                page.startAfter(
                        0,
                        a ->
                                owned.findActor(tenant, a)
                                        .filter(x -> x.accountId() == account.id())
                                        .map(GatewayActor::id));
        return page.cut(
                actors.list(tenant, account.id(), after, page.fetchSize()),
                GatewayActor::publicId,
                AccessViews.ActorView::of);
    }

    @PostMapping("/accounts/{id}/actors")
    @ResponseStatus(HttpStatus.CREATED)
    AccessViews.ActorView createActor(
            Caller caller, @PathVariable String id, @RequestBody AccessRequests.ActorCreate body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        Account account = owned.account(tenant, id);
        String name = AccessRequests.requiredName(body.name());
        String email = AccessRequests.email(body.email());
        GatewayActor.Status status =
                AccessRequests.actorStatus(body.status(), GatewayActor.Status.ACTIVE);
        return AccessViews.ActorView.of(
                administration.createActor(
                        tenant, account, name, email, status, KeyIssuer.actorOf(caller)));
    }

    @PatchMapping("/actors/{id}")
    AccessViews.ActorView updateActor(
            Caller caller, @PathVariable String id, @RequestBody AccessRequests.ActorUpdate body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        GatewayActor current = owned.actor(tenant, id);
        String name = body.name() == null ? current.name() : AccessRequests.name(body.name());
        String email = body.email() == null ? current.email() : AccessRequests.email(body.email());
        GatewayActor.Status status = AccessRequests.actorStatus(body.status(), current.status());
        return AccessViews.ActorView.of(
                administration.updateActor(
                        tenant, current, name, email, status, KeyIssuer.actorOf(caller)));
    }
}
