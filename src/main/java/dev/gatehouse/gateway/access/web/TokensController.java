package dev.gatehouse.gateway.access.web;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.gateway.access.GatewayToken;
import dev.gatehouse.gateway.access.TokenExchange;
import dev.gatehouse.gateway.access.Tokens;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.Page;
import dev.gatehouse.kernel.web.PageRequest;

import io.swagger.v3.oas.annotations.Parameter;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

/**
 * {@code /v1/gateway/tokens}: the gateway tokens issued (never their values), and their revocation,
 * in force on every node before the answer.
 */
@RestController
@RequestMapping("/v1/gateway/tokens")
class TokensController {

    private final Tokens tokens;
    private final TokenExchange exchange;
    private final Owned owned;
    private final Clock clock;

    TokensController(Tokens tokens, TokenExchange exchange, Owned owned, Clock clock) {
        this.tokens = tokens;
        this.exchange = exchange;
        this.owned = owned;
        this.clock = clock;
    }

    @GetMapping
    Page<AccessViews.TokenView> list(
            Caller caller,
            @Parameter(description = "Only the tokens of this credential set (cred_…).")
                    @RequestParam(name = "credential_id", required = false)
                    @Nullable String credentialId,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TenantId tenant = caller.tenantWith(GatewayScopes.READ);
        Long credential = credentialId == null ? null : owned.credential(tenant, credentialId).id();
        PageRequest page = PageRequest.of(limit, cursor);
        long after = page.startAfter(0, id -> owned.findToken(tenant, id).map(GatewayToken::id));
        Instant now = clock.instant();
        return page.cut(
                tokens.list(tenant, credential, after, page.fetchSize()),
                GatewayToken::publicId,
                t -> AccessViews.TokenView.of(t, now));
    }

    /** Revokes the token; answers 204 also when it already was revoked. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Caller caller, @PathVariable String id) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        exchange.revoke(tenant, owned.token(tenant, id), KeyIssuer.actorOf(caller));
    }
}
