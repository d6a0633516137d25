package dev.gatehouse.kernel.web;

import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Optional;

/**
 * What the kernel knows about the request being served: its {@code ref}, the client IP (after
 * trusted-proxy handling), the user agent and the client's own correlation id. Set by the first
 * filter of the public listener; read by the audit log and the problem renderer.
 *
 * @param ref the server's id of the request, always generated ({@code req_…}): the {@code ref} of
 *     problem bodies and audit events, sent as {@code X-Request-Id}
 * @param clientIp the client address, never null for an HTTP request
 * @param userAgent the {@code User-Agent} header, cut to 512 characters, or null
 * @param correlationId the client's {@code X-Request-Id} when it was well-formed, with anything
 *     shaped like a secret masked; never used as an identifier, only recorded next to the ref
 */
public record RequestInfo(
        String ref, String clientIp, @Nullable String userAgent, @Nullable String correlationId) {

    /** A request without a client correlation id. */
    public RequestInfo(String ref, String clientIp, @Nullable String userAgent) {
        this(ref, clientIp, userAgent, null);
    }

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
