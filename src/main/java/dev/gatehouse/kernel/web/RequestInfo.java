package dev.gatehouse.kernel.web;

import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Optional;

/**
 * What the kernel knows about the request being served: its correlation id ({@code ref}), the
 * client IP (after trusted-proxy handling) and the user agent. Set by the first filter of the
 * public listener; read by the audit log and the problem renderer.
 *
 * @param ref the correlation id, also sent as {@code X-Request-Id}
 * @param clientIp the client address, never null for an HTTP request
 * @param userAgent the {@code User-Agent} header, cut to 512 characters, or null
 */
public record RequestInfo(String ref, String clientIp, @Nullable String userAgent) {

    /** Request attribute under which the current {@link RequestInfo} is stored. */
    public static final String ATTRIBUTE = RequestInfo.class.getName();

    /** The request being served on this thread, if any. */
    public static Optional<RequestInfo> current() {
        RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
        if (attrs == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                (RequestInfo) attrs.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }
}
