package dev.gatehouse.portal;

import dev.gatehouse.gateway.access.AccessAdministration;
import dev.gatehouse.gateway.access.Account;
import dev.gatehouse.gateway.access.Credential;
import dev.gatehouse.gateway.access.CredentialIssuance;
import dev.gatehouse.gateway.access.Credentials;
import dev.gatehouse.gateway.access.GatewayActor;
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
import java.util.List;
import java.util.Map;

/**
 * ERP Access → an actor: its status (disable and enable, after a confirmation) and its credential
 * sets, listed without secrets, and issuing a new one, whose answer page is the only place its API
 * password and x-api-key are ever shown. Reading needs {@code gateway:read}, changing {@code
 * gateway:admin}; {@code admin_unrestricted} sets are issued only by the owner and admin roles.
 * Changes go through {@link AccessAdministration} and {@link CredentialIssuance}, as the API's.
 */
@Controller
class GatewayActorPages {

    static final int PAGE = 25;
    static final String BASE = GatewayAccountPages.BASE;

    private final GatewayAccess access;
    private final Credentials credentials;
    private final AccessAdministration administration;
    private final CredentialIssuance issuance;
    private final Clock clock;

    GatewayActorPages(
            GatewayAccess access,
            Credentials credentials,
            AccessAdministration administration,
            CredentialIssuance issuance,
            Clock clock) {
        this.access = access;
        this.credentials = credentials;
        this.administration = administration;
        this.issuance = issuance;
        this.clock = clock;
    }

    @GetMapping(BASE + "/actors/{id}")
    ModelAndView actor(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String done) {
        PortalUser user = GatewayAccess.reader(request);
        return page(
                request,
                user,
                access.actor(user, id),
                GatewayForm.of(Map.of("kind", "standard")),
                after,
                GatewayAccess.notice(done));
    }

    @PostMapping(BASE + "/actors/{id}/credentials")
    ModelAndView issue(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "standard") String kind,
            @RequestParam(defaultValue = "") String expiresAt,
            @RequestParam(defaultValue = "") String rateLimit,
            @RequestParam(defaultValue = "") String allowedIps) {
        PortalUser user = GatewayAccess.admin(request);
        GatewayActor actor = access.actor(user, id);
        GatewayForm form =
                GatewayForm.of(
                        Map.of(
                                "kind",
                                kind,
                                "expiresAt",
                                expiresAt,
                                "rateLimit",
                                rateLimit,
                                "allowedIps",
                                allowedIps));
        Msg msg = PortalContext.of(request).msg();
        return switch (GatewayRules.credential(
                kind, expiresAt, rateLimit, allowedIps, clock.instant())) {
            case GatewayRules.CredentialRefused(var errors) ->
                    page(request, user, actor, form.refused(errors, msg), null, null);
            case GatewayRules.CredentialOk(var req) ->
                    switch (issuance.issue(user.tenant(), actor, req, GatewayAccess.issuer(user))) {
                        case CredentialIssuance.Issuing.Issued issued ->
                                GatewayCredentialPages.secrets(
                                        request,
                                        actor,
                                        issued.credential(),
                                        issued.secrets(),
                                        false);
                        case CredentialIssuance.Issuing.UnrestrictedNotPermitted n ->
                                page(
                                        request,
                                        user,
                                        actor,
                                        form.refused(
                                                Map.of("kind", "gateway.error.kindNotPermitted"),
                                                msg),
                                        null,
                                        null);
                    };
        };
    }

    @PostMapping(BASE + "/actors/{id}/status")
    ModelAndView actorStatus(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String confirm) {
        PortalUser user = GatewayAccess.admin(request);
        GatewayActor actor = access.actor(user, id);
        GatewayActor.Status to = GatewayActor.Status.fromWire(status);
        String path = BASE + "/actors/" + actor.publicId();
        if (to == null) {
            throw ApiProblem.badRequest("status", "must be active or disabled");
        }
        Msg msg = PortalContext.of(request).msg();
        if (!GatewayConfirmation.confirmed(confirm)) {
            boolean disable = to == GatewayActor.Status.DISABLED;
            return new GatewayConfirmation(
                            disable ? "gateway.actor.disableTitle" : "gateway.actor.enableTitle",
                            msg.text(
                                    disable
                                            ? "gateway.actor.disableConfirm"
                                            : "gateway.actor.enableConfirm",
                                    actor.name()),
                            path + "/status",
                            Map.of("status", to.wire()),
                            disable ? "gateway.actor.disable" : "gateway.actor.enable",
                            path)
                    .page(request);
        }
        if (to != actor.status()) {
            administration.updateActor(
                    user.tenant(),
                    actor,
                    actor.name(),
                    actor.email(),
                    to,
                    GatewayAccess.actor(user));
        }
        return new ModelAndView(
                "redirect:"
                        + path
                        + "?done="
                        + (to == GatewayActor.Status.DISABLED ? "actorDisabled" : "actorEnabled"));
    }

    private ModelAndView page(
            HttpServletRequest request,
            PortalUser user,
            GatewayActor actor,
            GatewayForm form,
            @Nullable String after,
            @Nullable String notice) {
        Account account = access.account(user, actor.accountPublicId());
        long afterId =
                access.findCredential(user, after)
                        .filter(c -> c.actorId() == actor.id())
                        .map(Credential::id)
                        .orElse(0L);
        List<Credential> rows = credentials.list(user.tenant(), actor.id(), afterId, PAGE + 1);
        ListedPage<Credential> listed =
                ListedPage.of(
                        rows, PAGE, BASE + "/actors/" + actor.publicId(), Credential::publicId);
        List<Credential> page = listed.rows();
        String next = listed.nextLink();
        return Pages.page(
                "gateway/actor",
                request,
                "account",
                account,
                "actor",
                actor,
                "credentials",
                page,
                "form",
                form,
                "now",
                clock.instant(),
                "canAdmin",
                GatewayAccess.canAdmin(user),
                "mayIssueUnrestricted",
                GatewayAccess.mayIssueUnrestricted(user),
                "nextLink",
                next,
                "notice",
                notice);
    }
}
