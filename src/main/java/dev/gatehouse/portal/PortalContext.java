package dev.gatehouse.portal;

import dev.gatehouse.portal.session.PortalSession;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import java.util.Set;

/**
 * What the portal knows about the request: language, the signed-in person and their session, the
 * CSRF token forms must carry, and the products switched on (whose pages the menu shows). Set by
 * {@link PortalFilter}; read by controllers and templates.
 */
public record PortalContext(
        Msg msg,
        @Nullable PortalSession session,
        @Nullable PortalUser user,
        String csrfToken,
        String path,
        Set<String> productsOn) {

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
