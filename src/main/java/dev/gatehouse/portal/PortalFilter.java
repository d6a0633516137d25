package dev.gatehouse.portal;

import dev.gatehouse.kernel.web.PublicUrl;
import dev.gatehouse.kernel.web.RequestPaths;
import dev.gatehouse.portal.session.PortalSession;
import dev.gatehouse.portal.session.Sessions;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The portal's edge, for {@code /} and {@code /portal/**}.
 *
 * <p>Design: sets the strict Content-Security-Policy (no inline script or style, nothing from other
 * origins) and no-store caching; picks the language; resolves the session cookie to a signed-in
 * person on every request (so sign-out anywhere is immediate); sends people without a session to
 * the sign-in page and people who must change their password to that page; and checks every
 * state-changing request twice: it must not come from another site ({@code Sec-Fetch-Site} other
 * than {@code same-origin} or {@code none}, or an {@code Origin} other than {@code PUBLIC_URL}'s
 * and {@code null}), and it must carry the CSRF token: the session's once signed in, a
 * double-submit cookie before. Clients that send neither header (older browsers, scripts) are
 * judged by the token alone. Nothing here trusts request parameters for identity.
 */
final class PortalFilter extends OncePerRequestFilter {

    static final String SESSION_COOKIE = "gh_session";
    static final String PRE_CSRF_COOKIE = "gh_csrf";
    static final String CSP =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none';"
                + " report-uri /portal/csp-report";
    private static final Set<String> PUBLIC =
            Set.of("/portal/sign-in", "/portal/csp-report", "/portal/lang");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String PASSWORD_PAGE = "/portal/account/password";

    private final Sessions sessions;
    private final PortalUsers users;
    private final MessageSource messages;
    private final SecureRandom random;
    private final PortalCookies cookies;
    private final PublicUrl publicUrl;
    private final Set<String> productsOn;

    PortalFilter(
            Sessions sessions,
            PortalUsers users,
            MessageSource messages,
            SecureRandom random,
            PortalCookies cookies,
            PublicUrl publicUrl,
            Set<String> productsOn) {
        this.sessions = sessions;
        this.users = users;
        this.messages = messages;
        this.random = random;
        this.cookies = cookies;
        this.publicUrl = publicUrl;
        this.productsOn = Set.copyOf(productsOn);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.routed(request);
        return !path.equals("/") && !path.equals("/portal") && !path.startsWith("/portal/");
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestPaths.routed(request);
        if (path.equals("/") || path.equals("/portal")) {
            response.sendRedirect("/portal/home");
            return;
        }
        response.setHeader("Content-Security-Policy", CSP);
        if (path.startsWith("/portal/assets/")) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        // Several cookies of the same name can arrive (one planted for a parent path, say): the
        // first
        // that names a live session counts.
        Optional<PortalSession> session =
                cookies(request, SESSION_COOKIE).stream()
                        .map(sessions::resolve)
                        .flatMap(Optional::stream)
                        .findFirst();
        PortalUser user =
                session.flatMap(s -> users.load(s.tenant(), s.userPublicId())).orElse(null);
        String csrf =
                session.isPresent() && user != null
                        ? session.get().csrfToken()
                        : preSessionCsrf(request, response);
        PortalContext ctx =
                new PortalContext(
                        new Msg(messages, Languages.of(request)),
                        user == null ? null : session.orElse(null),
                        user,
                        csrf,
                        path,
                        productsOn);
        request.setAttribute(PortalContext.ATTRIBUTE, ctx);

        // Signed-out people go to sign-in first (an expired session's form lands there, not on a
        // 403);
        // nothing else runs on such a request, so the CSRF check can follow.
        if (user == null && !PUBLIC.contains(path)) {
            response.sendRedirect("/portal/sign-in");
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod())
                && !path.equals("/portal/csp-report")
                && (fromAnotherSite(request) || !csrfMatches(request, csrf))) {
            request.setAttribute(PortalProblemPages.FORM_EXPIRED, Boolean.TRUE);
            response.sendError(
                    HttpServletResponse.SC_FORBIDDEN, "The form has expired. Reload the page.");
            return;
        }
        if (user != null
                && user.mustChangePassword()
                && !path.equals(PASSWORD_PAGE)
                && !path.equals("/portal/sign-out")
                && !PUBLIC.contains(path)) {
            response.sendRedirect(PASSWORD_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    private String preSessionCsrf(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> existing =
                cookie(request, PRE_CSRF_COOKIE).filter(v -> v.matches("[A-Za-z0-9_-]{43}"));
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        response.addHeader("Set-Cookie", cookies.preSessionCsrf(token));
        return token;
    }

    /**
     * True when the browser says the request was started by another site or origin. A sibling
     * subdomain counts too ({@code same-site}): {@code SameSite=Lax} cookies would reach us from
     * it. {@code Origin: null} says nothing either way: under our {@code Referrer-Policy:
     * no-referrer} browsers send it for our own forms, so such a request is judged by {@code
     * Sec-Fetch-Site} and the token.
     */
    private boolean fromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        return origin != null && !origin.equals("null") && !publicUrl.isOrigin(origin);
    }

    private static boolean csrfMatches(HttpServletRequest request, String expected) {
        String sent = request.getHeader("X-CSRF-Token");
        if (sent == null) {
            sent = request.getParameter("_csrf");
        }
        return sent != null
                && MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8),
                        expected.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<String> cookie(HttpServletRequest request, String name) {
        return cookies(request, name).stream().findFirst();
    }

    static java.util.List<String> cookies(HttpServletRequest request, String name) {
        Cookie[] all = request.getCookies();
        if (all == null) {
            return java.util.List.of();
        }
        java.util.List<String> values = new java.util.ArrayList<>();
        for (Cookie c : all) {
            if (name.equals(c.getName()) && values.size() < 4) {
                // RFC 2965 clients (java.net's CookieManager among them) quote values; browsers do
                // not.
                String v = c.getValue();
                values.add(
                        v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
                                ? v.substring(1, v.length() - 1)
                                : v);
            }
        }
        return values;
    }
}
