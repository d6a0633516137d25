package dev.gatehouse.gateway.access.web;

import dev.gatehouse.gateway.access.Account;
import dev.gatehouse.gateway.access.Accounts;
import dev.gatehouse.gateway.access.Actors;
import dev.gatehouse.gateway.access.Credential;
import dev.gatehouse.gateway.access.Credentials;
import dev.gatehouse.gateway.access.GatewayActor;
import dev.gatehouse.gateway.access.GatewayToken;
import dev.gatehouse.gateway.access.Tokens;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The first check of every route with an id in its path: the object must belong to the caller's
 * tenant. Missing, malformed and another tenant's ids answer the same 404.
 */
@Component
class Owned {

    private final Accounts accounts;
    private final Actors actors;
    private final Credentials credentials;
    private final Tokens tokens;

    Owned(Accounts accounts, Actors actors, Credentials credentials, Tokens tokens) {
        this.accounts = accounts;
        this.actors = actors;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    Optional<Account> findAccount(TenantId tenant, String id) {
        return PublicIds.looksLike("acct", id) ? accounts.find(tenant, id) : Optional.empty();
    }

    Account account(TenantId tenant, String id) {
        return findAccount(tenant, id).orElseThrow(() -> ApiProblem.notFound("No such account."));
    }

    Optional<GatewayActor> findActor(TenantId tenant, String id) {
        return PublicIds.looksLike("act", id) ? actors.find(tenant, id) : Optional.empty();
    }

    GatewayActor actor(TenantId tenant, String id) {
        return findActor(tenant, id).orElseThrow(() -> ApiProblem.notFound("No such actor."));
    }

    Optional<Credential> findCredential(TenantId tenant, String id) {
        return PublicIds.looksLike("cred", id) ? credentials.find(tenant, id) : Optional.empty();
    }

    Credential credential(TenantId tenant, String id) {
        return findCredential(tenant, id)
                .orElseThrow(() -> ApiProblem.notFound("No such credential set."));
    }

    Optional<GatewayToken> findToken(TenantId tenant, String id) {
        return PublicIds.looksLike("tok", id) ? tokens.find(tenant, id) : Optional.empty();
    }

    GatewayToken token(TenantId tenant, String id) {
        return findToken(tenant, id).orElseThrow(() -> ApiProblem.notFound("No such token."));
    }
}
