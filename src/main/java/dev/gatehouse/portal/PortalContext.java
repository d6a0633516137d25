package dev.gatehouse.portal;

import dev.gatehouse.portal.session.PortalSession;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

/**
 * What the portal knows about the request: language, the signed-in person and their session, and
 * the CSRF token forms must carry. Set by {@link PortalFilter}; read by controllers and templates.
 */
public record PortalContext(
        Msg msg,
        @Nullable PortalSession session,
        @Nullable PortalUser user,
        String csrfToken,
        String path) {

    static final String ATTRIBUTE = PortalContext.class.getName();

    public static PortalContext of(HttpServletRequest request) {
        Object ctx = request.getAttribute(ATTRIBUTE);
        if (ctx == null) {
            throw new IllegalStateException("not a portal request: " + request.getRequestURI());
        }
        return (PortalContext) ctx;
    }

    /** The signed-in user; the filter guarantees one on every page but sign-in. */
    public PortalUser signedIn() {
        if (user == null) {
            throw new IllegalStateException("no signed-in user on " + path);
        }
        return user;
    }
}
