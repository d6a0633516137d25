package dev.gatehouse.portal;

import dev.gatehouse.kernel.identity.AccountSecurity;
import dev.gatehouse.kernel.identity.PasswordChange;
import dev.gatehouse.kernel.identity.TotpConfirmation;
import dev.gatehouse.kernel.identity.TotpStart;
import dev.gatehouse.kernel.identity.User;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.identity.UserChange;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.portal.session.Sessions;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The person's own account: password (the forced first change too), two-step sign-in with recovery
 * codes shown once, and signing out everywhere. A password change ends every other session.
 */
@Controller
class AccountPages {

    private final AccountSecurity security;
    private final UserAdministration admin;
    private final Sessions sessions;
    private final PortalCookies cookies;

    AccountPages(
            AccountSecurity security,
            UserAdministration admin,
            Sessions sessions,
            PortalCookies cookies) {
        this.security = security;
        this.admin = admin;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @GetMapping("/portal/account")
    ModelAndView account(HttpServletRequest request) {
        return page(request, null);
    }

    @GetMapping("/portal/account/password")
    ModelAndView passwordForm(HttpServletRequest request) {
        return Pages.page("password", request, "error", null);
    }

    @PostMapping("/portal/account/password")
    ModelAndView changePassword(
            HttpServletRequest request,
            HttpServletResponse response,
            @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String next,
            @RequestParam(defaultValue = "") String repeat) {
        PortalContext ctx = PortalContext.of(request);
        PortalUser me = ctx.signedIn();
        if (!next.equals(repeat)) {
            return Pages.page("password", request, "error", ctx.msg().text("account.mismatch"));
        }
        return switch (security.changePassword(me.ref(), current, next)) {
            case PasswordChange.Changed c -> {
                // Every session of this person ends; this browser continues in a fresh one.
                sessions.endEverywhere(me.tenant(), me.publicId());
                Sessions.Started fresh = sessions.start(me.tenant(), me.publicId());
                response.addHeader("Set-Cookie", cookies.session(fresh.token().cookieValue()));
                yield new ModelAndView("redirect:/portal/account?changed=1");
            }
            case PasswordChange.WrongPassword w ->
                    Pages.page(
                            "password", request, "error", ctx.msg().text("account.wrongCurrent"));
            case PasswordChange.Rejected(var rule, String message) ->
                    Pages.page(
                            "password",
                            request,
                            "error",
                            ctx.msg()
                                    .text(
                                            "password.rule."
                                                    + rule.name()
                                                            .toLowerCase(java.util.Locale.ROOT)));
            case PasswordChange.Throttled(long wait) ->
                    Pages.page(
                            "password", request, "error", ctx.msg().text("signIn.throttled", wait));
            case PasswordChange.NotFound n -> throw ApiProblem.notFound("No such user.");
        };
    }

    @PostMapping("/portal/account/totp")
    ModelAndView beginTotp(HttpServletRequest request) {
        PortalUser me = PortalContext.of(request).signedIn();
        return switch (security.beginTotp(me.ref())) {
            case TotpStart.Begun(var enrollment) ->
                    Pages.page(
                            "totpSetup",
                            request,
                            "secret",
                            enrollment.secretBase32(),
                            "uri",
                            enrollment.otpauthUri(),
                            "error",
                            null);
            case TotpStart.AlreadyEnabled a -> new ModelAndView("redirect:/portal/account");
            case TotpStart.NotFound n -> throw ApiProblem.notFound("No such user.");
        };
    }

    @PostMapping("/portal/account/totp/confirm")
    ModelAndView confirmTotp(
            HttpServletRequest request,
            HttpServletResponse response,
            @RequestParam(defaultValue = "") String code) {
        PortalContext ctx = PortalContext.of(request);
        return switch (security.confirmTotp(ctx.signedIn().ref(), code)) {
            case TotpConfirmation.Enabled(var codes) ->
                    Pages.page("recoveryCodes", request, "codes", codes.reveal());
            case TotpConfirmation.WrongCode w -> {
                response.setStatus(400);
                yield Pages.page(
                        "error",
                        request,
                        "status",
                        400,
                        "detail",
                        ctx.msg().text("account.totpBadCode"));
            }
            case TotpConfirmation.NotBegun n -> new ModelAndView("redirect:/portal/account");
            case TotpConfirmation.AlreadyEnabled a -> new ModelAndView("redirect:/portal/account");
            case TotpConfirmation.NotFound n -> throw ApiProblem.notFound("No such user.");
        };
    }

    @PostMapping("/portal/account/totp/disable")
    ModelAndView disableTotp(
            HttpServletRequest request,
            HttpServletResponse response,
            @RequestParam(defaultValue = "") String password) {
        PortalContext ctx = PortalContext.of(request);
        PortalUser me = ctx.signedIn();
        if (!security.confirmPassword(me.ref(), password)) {
            response.setStatus(403);
            return Pages.page(
                    "error",
                    request,
                    "status",
                    403,
                    "detail",
                    ctx.msg().text("account.wrongPassword"));
        }
        UserChange change = security.disableTotp(me.ref(), me.publicId());
        if (change instanceof UserChange.NotFound) {
            throw ApiProblem.notFound("No such user.");
        }
        return new ModelAndView("redirect:/portal/account");
    }

    private ModelAndView page(HttpServletRequest request, @Nullable String notice) {
        PortalContext ctx = PortalContext.of(request);
        PortalUser me = ctx.signedIn();
        boolean totp = admin.find(me.tenant(), me.publicId()).map(User::totpEnabled).orElse(false);
        String shown =
                notice != null
                        ? notice
                        : request.getParameter("changed") != null
                                ? ctx.msg().text("account.passwordChanged")
                                : null;
        return Pages.page("account", request, "totpOn", totp, "notice", shown);
    }
}
