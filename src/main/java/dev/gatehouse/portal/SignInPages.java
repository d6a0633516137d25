package dev.gatehouse.portal;

import dev.gatehouse.kernel.identity.SignIn;
import dev.gatehouse.kernel.identity.SignInOutcome;
import dev.gatehouse.kernel.identity.UserRef;
import dev.gatehouse.kernel.web.RequestInfo;
import dev.gatehouse.portal.session.PortalSession;
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
 * Signing in and out. A successful sign-in always starts a new session (new cookie, new CSRF
 * token); every failure shows the same message; throttled attempts say how long to wait.
 */
@Controller
class SignInPages {

    private final SignIn signIn;
    private final Sessions sessions;
    private final PortalCookies cookies;

    SignInPages(SignIn signIn, Sessions sessions, PortalCookies cookies) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @GetMapping("/portal/sign-in")
    Object form(HttpServletRequest request) {
        if (PortalContext.of(request).user() != null) {
            return "redirect:/portal/home";
        }
        return Pages.page("signIn", request, "email", "", "error", null, "askCode", false);
    }

    @PostMapping("/portal/sign-in")
    ModelAndView submit(
            HttpServletRequest request,
            HttpServletResponse response,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) @Nullable String code) {
        Msg msg = PortalContext.of(request).msg();
        String ip =
                RequestInfo.current().map(RequestInfo::clientIp).orElse(request.getRemoteAddr());
        String shownEmail = email.length() > 254 ? "" : email;
        return switch (signIn.attempt(email, password, code, ip)) {
            case SignInOutcome.SignedIn(UserRef user, boolean mustChange) -> {
                PortalSession previous = PortalContext.of(request).session();
                if (previous != null) {
                    sessions.end(previous);
                }
                Sessions.Started started = sessions.start(user.tenant(), user.userPublicId());
                response.addHeader("Set-Cookie", cookies.session(started.token().cookieValue()));
                yield new ModelAndView(
                        mustChange ? "redirect:/portal/account/password" : "redirect:/portal/home");
            }
            case SignInOutcome.TotpRequired t ->
                    Pages.page(
                            "signIn",
                            request,
                            "email",
                            shownEmail,
                            "error",
                            code == null
                                    ? msg.text("signIn.codeNeeded")
                                    : msg.text("signIn.failed"),
                            "askCode",
                            true);
            case SignInOutcome.Refused r ->
                    Pages.page(
                            "signIn",
                            request,
                            "email",
                            shownEmail,
                            "error",
                            msg.text("signIn.failed"),
                            "askCode",
                            code != null);
            case SignInOutcome.Throttled(long wait) -> {
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(wait));
                yield Pages.page(
                        "signIn",
                        request,
                        "email",
                        shownEmail,
                        "error",
                        msg.text("signIn.throttled", wait),
                        "askCode",
                        false);
            }
        };
    }

    @PostMapping("/portal/sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        PortalSession session = PortalContext.of(request).session();
        if (session != null) {
            sessions.end(session);
        }
        response.addHeader("Set-Cookie", cookies.clearSession());
        return "redirect:/portal/sign-in";
    }

    @PostMapping("/portal/sign-out-everywhere")
    String signOutEverywhere(HttpServletRequest request, HttpServletResponse response) {
        PortalUser user = PortalContext.of(request).signedIn();
        sessions.endEverywhere(user.tenant(), user.publicId());
        response.addHeader("Set-Cookie", cookies.clearSession());
        return "redirect:/portal/sign-in";
    }

    /** Switches language with a cookie and returns to the page the person was on. */
    @GetMapping("/portal/lang")
    String language(
            @RequestParam(defaultValue = "en") String to,
            @RequestParam(defaultValue = "/portal/home") String back,
            HttpServletResponse response) {
        if (Languages.supported(to)) {
            response.addHeader("Set-Cookie", cookies.language(to));
        }
        boolean local = back.matches("/portal/[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");
        return "redirect:" + (local ? back : "/portal/home");
    }
}
