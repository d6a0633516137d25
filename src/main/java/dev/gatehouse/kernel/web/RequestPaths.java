package dev.gatehouse.kernel.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path every filter decides on: the decoded, normalised path the dispatcher routes on, not the
 * raw URI, so {@code /%761/…} or {@code /%70ortal/…} cannot pass a filter that a controller behind
 * it would then serve.
 */
public final class RequestPaths {

    private RequestPaths() {}

    public static String routed(HttpServletRequest request) {
        String info = request.getPathInfo();
        String path = request.getServletPath() + (info == null ? "" : info);
        if (!path.isEmpty()) {
            return path;
        }
        // Only mock requests without servlet path or path info get here.
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context)
                ? uri.substring(context.length())
                : uri;
    }
}
