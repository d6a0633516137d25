package dev.gatehouse.kernel.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * First filter of the public listener: settles the request's correlation id (an acceptable inbound
 * {@code X-Request-Id}, else a new {@code req_…} id), echoes it as {@code X-Request-Id}, puts it in
 * the MDC under {@code ref} for the request's duration, and stores the {@link RequestInfo} (ref,
 * client IP, user agent cut to 512 characters) as a request attribute.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
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
        String ref = RequestIds.isAcceptable(inbound) ? inbound : ids.next();
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        request.setAttribute(
                RequestInfo.ATTRIBUTE, new RequestInfo(ref, clientIp.resolve(request), userAgent));
        response.setHeader(HEADER, ref);
        String previous = MDC.get(ProblemRenderer.MDC_REF);
        MDC.put(ProblemRenderer.MDC_REF, ref);
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
            if (previous == null) {
                MDC.remove(ProblemRenderer.MDC_REF);
            } else {
                MDC.put(ProblemRenderer.MDC_REF, previous);
            }
        }
    }
}
