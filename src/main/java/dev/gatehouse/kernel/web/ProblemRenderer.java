package dev.gatehouse.kernel.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes an {@link ApiProblem} as {@code application/problem+json}: {@code type}, {@code title},
 * {@code status}, {@code code}, {@code detail}, {@code ref} and, for 400, {@code errors}. The one
 * place that turns a problem into bytes, shared by the MVC exception handler, the {@code /error}
 * controller and every filter that answers before MVC. Thread-safe.
 */
public final class ProblemRenderer {

    /** The media type of every error answer. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Prefix of the {@code type} URI; the code follows with {@code _} turned into {@code -}. */
    public static final String TYPE_PREFIX = "https://gatehouse.dev/problems/";

    /** MDC key of the request's correlation id. */
    public static final String MDC_REF = "ref";

    private static final Logger log = LoggerFactory.getLogger(ProblemRenderer.class);

    private final JsonMapper json = JsonMapper.builder().build();

    /** The problem as an ordered map, ready to serialize. */
    public Map<String, Object> body(ApiProblem problem, Optional<String> ref) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", TYPE_PREFIX + problem.code().replace('_', '-'));
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("code", problem.code());
        body.put("detail", problem.detail());
        ref.ifPresent(r -> body.put("ref", r));
        if (problem.status() == 400 || !problem.errors().isEmpty()) {
            body.put("errors", problem.errors());
        }
        new TreeMap<>(problem.members()).forEach(body::put);
        return body;
    }

    /**
     * Writes the problem, keeping headers already set (request id, security headers, CORS) but
     * dropping any buffered body. Does nothing but log when the response is already committed.
     */
    public void write(HttpServletResponse response, ApiProblem problem) {
        write(response, problem, currentRef());
    }

    /**
     * As {@link #write(HttpServletResponse, ApiProblem)}, taking the ref from the request itself.
     */
    public void write(
            HttpServletRequest request, HttpServletResponse response, ApiProblem problem) {
        Optional<String> ref =
                request.getAttribute(RequestInfo.ATTRIBUTE) instanceof RequestInfo info
                        ? Optional.of(info.ref())
                        : currentRef();
        write(response, problem, ref);
    }

    private void write(HttpServletResponse response, ApiProblem problem, Optional<String> ref) {
        if (response.isCommitted()) {
            log.warn(
                    "Response already committed; could not send problem {} {}",
                    problem.status(),
                    problem.code());
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        if (problem.retryAfterSeconds() != null) {
            response.setHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
        }
        try {
            byte[] bytes = json.writeValueAsBytes(body(problem, ref));
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write problem response", e);
        }
    }

    private static Optional<String> currentRef() {
        String ref = MDC.get(MDC_REF);
        return ref != null ? Optional.of(ref) : RequestInfo.current().map(RequestInfo::ref);
    }
}
