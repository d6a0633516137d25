package dev.gatehouse.portal;

import dev.gatehouse.gateway.access.Credential;
import dev.gatehouse.gateway.access.CredentialIssuance;
import dev.gatehouse.gateway.access.GatewayActor;
import dev.gatehouse.gateway.access.GatewayToken;
import dev.gatehouse.gateway.access.TokenExchange;
import dev.gatehouse.gateway.access.Tokens;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * ERP Access → a credential set and its tokens: revoking the set, rotating it (the answer page is
 * the only place the new secrets are ever shown), listing its gateway tokens (never their values)
 * and revoking one. Each change asks for a confirmation first. Reading needs {@code gateway:read},
 * changing {@code gateway:admin}; changes go through {@link CredentialIssuance} and {@link
 * TokenExchange}, as the API's.
 */
@Controller
class GatewayCredentialPages {

    static final int PAGE = 25;
    static final String BASE = GatewayAccountPages.BASE;

    private final GatewayAccess access;
    private final Tokens tokens;
    private final CredentialIssuance issuance;
    private final TokenExchange exchange;
    private final Clock clock;

    GatewayCredentialPages(
            GatewayAccess access,
            Tokens tokens,
            CredentialIssuance issuance,
            TokenExchange exchange,
            Clock clock) {
        this.access = access;
        this.tokens = tokens;
        this.issuance = issuance;
        this.exchange = exchange;
        this.clock = clock;
    }

    @PostMapping(BASE + "/credentials/{id}/revoke")
    ModelAndView revoke(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String confirm) {
        PortalUser user = GatewayAccess.admin(request);
        Credential credential = access.credential(user, id);
        String back = BASE + "/actors/" + credential.actorPublicId();
        if (!GatewayConfirmation.confirmed(confirm)) {
            return new GatewayConfirmation(
                            "gateway.credential.revokeTitle",
                            PortalContext.of(request)
                                    .msg()
                                    .text(
                                            "gateway.credential.revokeConfirm",
                                            credential.clientId()),
                            BASE + "/credentials/" + credential.publicId() + "/revoke",
                            Map.of(),
                            "gateway.credential.revoke",
                            back)
                    .page(request);
        }
        issuance.revoke(user.tenant(), credential, GatewayAccess.actor(user));
        return new ModelAndView("redirect:" + back + "?done=credentialRevoked");
    }

    @PostMapping(BASE + "/credentials/{id}/rotate")
    ModelAndView rotate(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "0") String overlap,
            @RequestParam(defaultValue = "") String confirm) {
        PortalUser user = GatewayAccess.admin(request);
        Credential credential = access.credential(user, id);
        GatewayActor actor = access.actor(user, credential.actorPublicId());
        Duration d = GatewayRules.overlap(overlap);
        if (d == null) {
            throw ApiProblem.badRequest("overlap", "must be between 0 and 86400 seconds");
        }
        if (credential.revoked()) {
            throw ApiProblem.conflict("A revoked credential set cannot be rotated.");
        }
        if (!GatewayConfirmation.confirmed(confirm)) {
            Msg msg = PortalContext.of(request).msg();
            return new GatewayConfirmation(
                            "gateway.credential.rotateTitle",
                            msg.text(
                                    d.isZero()
                                            ? "gateway.credential.rotateConfirmNow"
                                            : "gateway.credential.rotateConfirmOverlap",
                                    credential.clientId(),
                                    d.toMinutes()),
                            BASE + "/credentials/" + credential.publicId() + "/rotate",
                            Map.of("overlap", String.valueOf(d.toSeconds())),
                            "gateway.credential.rotate",
                            BASE + "/actors/" + actor.publicId())
                    .page(request);
        }
        return issuance.rotate(user.tenant(), credential, d, GatewayAccess.actor(user))
                .map(r -> secrets(request, actor, r.credential(), r.secrets(), true))
                .orElseThrow(
                        () -> ApiProblem.conflict("A revoked credential set cannot be rotated."));
    }

    @GetMapping(BASE + "/credentials/{id}/tokens")
    ModelAndView tokens(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String done) {
        PortalUser user = GatewayAccess.reader(request);
        Credential credential = access.credential(user, id);
        GatewayActor actor = access.actor(user, credential.actorPublicId());
        long afterId =
                access.findToken(user, after)
                        .filter(t -> t.credentialPublicId().equals(credential.publicId()))
                        .map(GatewayToken::id)
                        .orElse(0L);
        List<GatewayToken> rows = tokens.list(user.tenant(), credential.id(), afterId, PAGE + 1);
        ListedPage<GatewayToken> listed =
                ListedPage.of(
                        rows,
                        PAGE,
                        BASE + "/credentials/" + credential.publicId() + "/tokens",
                        GatewayToken::publicId);
        List<GatewayToken> page = listed.rows();
        String next = listed.nextLink();
        return Pages.page(
                "gateway/tokens",
                request,
                "credential",
                credential,
                "actor",
                actor,
                "tokens",
                page,
                "now",
                clock.instant(),
                "canAdmin",
                GatewayAccess.canAdmin(user),
                "nextLink",
                next,
                "notice",
                GatewayAccess.notice(done));
    }

    @PostMapping(BASE + "/tokens/{id}/revoke")
    ModelAndView revokeToken(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String confirm) {
        PortalUser user = GatewayAccess.admin(request);
        GatewayToken token = access.token(user, id);
        String back = BASE + "/credentials/" + token.credentialPublicId() + "/tokens";
        if (!GatewayConfirmation.confirmed(confirm)) {
            return new GatewayConfirmation(
                            "gateway.token.revokeTitle",
                            PortalContext.of(request)
                                    .msg()
                                    .text("gateway.token.revokeConfirm", token.publicId()),
                            BASE + "/tokens/" + token.publicId() + "/revoke",
                            Map.of(),
                            "gateway.token.revoke",
                            back)
                    .page(request);
        }
        exchange.revoke(user.tenant(), token, GatewayAccess.actor(user));
        return new ModelAndView("redirect:" + back + "?done=tokenRevoked");
    }

    /** The answer page of issuing or rotating: the one place the secrets are shown. */
    static ModelAndView secrets(
            HttpServletRequest request,
            GatewayActor actor,
            Credential credential,
            CredentialIssuance.OneTimeSecrets secrets,
            boolean rotated) {
        return Pages.page(
                "gateway/secrets",
                request,
                "actor",
                actor,
                "credential",
                credential,
                "clientId",
                secrets.clientId(),
                "apiPassword",
                secrets.apiPassword(),
                "xApiKey",
                secrets.xApiKey(),
                "rotated",
                rotated);
    }
}
