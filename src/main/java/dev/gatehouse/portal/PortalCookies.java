package dev.gatehouse.portal;

import dev.gatehouse.portal.session.Sessions;

/**
 * The portal's cookies: {@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} in production,
 * scoped to {@code /portal}. The session cookie lives no longer than a session can.
 */
final class PortalCookies {

    private final boolean secure;

    PortalCookies(boolean secure) {
        this.secure = secure;
    }

    String session(String token) {
        return header(PortalFilter.SESSION_COOKIE, token, Sessions.ABSOLUTE.toSeconds());
    }

    String clearSession() {
        return header(PortalFilter.SESSION_COOKIE, "", 0);
    }

    String preSessionCsrf(String token) {
        return header(PortalFilter.PRE_CSRF_COOKIE, token, -1);
    }

    String language(String tag) {
        return header(Languages.COOKIE, tag, 365L * 24 * 3600);
    }

    private String header(String name, String value, long maxAgeSeconds) {
        StringBuilder sb =
                new StringBuilder(name)
                        .append('=')
                        .append(value)
                        .append("; Path=/portal; HttpOnly; SameSite=Lax");
        if (maxAgeSeconds >= 0) {
            sb.append("; Max-Age=").append(maxAgeSeconds);
        }
        if (secure) {
            sb.append("; Secure");
        }
        return sb.toString();
    }
}
