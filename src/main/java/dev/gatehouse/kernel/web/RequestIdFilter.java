package dev.gatehouse.kernel.web;

import dev.gatehouse.kernel.redaction.Redaction;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * First filter of the public listener: gives the request a new {@code ref} ({@code req_…}), sends
 * it as {@code X-Request-Id}, puts it in the MDC under {@code ref} for the request's duration, and
 * stores the {@link RequestInfo} (ref, client IP, user agent cut to 512 characters, correlation id)
 * as a request attribute.
 *
 * <p>The client's own {@code X-Request-Id} is not trusted as an identifier: were it the ref, a
 * client could reuse another request's ref, and a secret sent in it (an API key, a token) would be
 * written to the audit trail and echoed in every answer. It is kept only as the correlation id,
 * when it matches {@link RequestIds#isAcceptable}, with anything shaped like a secret masked, and
 * goes to the MDC under {@value #MDC_CORRELATION_ID} and to audit events beside the ref. It is not
 * echoed: the client knows what it sent.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";

    /** MDC key of the client's correlation id, a log field of its own. */
    public static final String MDC_CORRELATION_ID = "correlation_id";

    static final int MAX_USER_AGENT = 512;

    private final RequestIds ids;
    private final ClientIp clientIp;

    public RequestIdFilter(RequestIds ids, ClientIp clientIp) {
        this.ids = ids;
        this.clientIp = clientIp;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String inbound = request.getHeader(HEADER);
        String correlationId =
                RequestIds.isAcceptable(inbound) ? Redaction.maskSecrets(inbound) : null;
        String ref = ids.next();
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        request.setAttribute(
                RequestInfo.ATTRIBUTE,
                new RequestInfo(ref, clientIp.resolve(request), userAgent, correlationId));
        response.setHeader(HEADER, ref);
        String previous = MDC.get(ProblemRenderer.MDC_REF);
        String previousCorrelation = MDC.get(MDC_CORRELATION_ID);
        MDC.put(ProblemRenderer.MDC_REF, ref);
        putOrRemove(MDC_CORRELATION_ID, correlationId);
        // Filters run before Spring's RequestContextFilter; expose the request to
        // RequestInfo.current()
        // from here on, so what filters record (audit of refused keys) carries the ref and client
        // IP.
        RequestAttributes outer = RequestContextHolder.getRequestAttributes();
        ServletRequestAttributes attributes = new ServletRequestAttributes(request, response);
        RequestContextHolder.setRequestAttributes(attributes);
        try {
            chain.doFilter(request, response);
        } finally {
            attributes.requestCompleted();
            RequestContextHolder.setRequestAttributes(outer);
            putOrRemove(ProblemRenderer.MDC_REF, previous);
            putOrRemove(MDC_CORRELATION_ID, previousCorrelation);
        }
    }

    /** Sets {@code key} to {@code value}, or removes it when {@code value} is null. */
    private static void putOrRemove(String key, @Nullable String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
