package dev.gatehouse.kernel.keys;

import dev.gatehouse.kernel.web.RequestPaths;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Authenticates every {@code /v1/} request by its {@code Authorization: Bearer gk_…} header. Any
 * failure answers the same 401; the precise reason ({@link KeyVerification#reason()}) goes to the
 * debug log and the edge's metrics, never to the client.
 */
public final class ApiKeyAuthentication extends OncePerRequestFilter {

    /** Request attribute holding the authenticated {@link Caller}. */
    public static final String CALLER = Caller.class.getName();

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthentication.class);

    private final KeyVerifier verifier;
    private final AuthenticationFailures failures;

    public ApiKeyAuthentication(KeyVerifier verifier, AuthenticationFailures failures) {
        this.verifier = verifier;
        this.failures = failures;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.routed(request);
        return !path.startsWith("/v1/")
                || "OPTIONS".equals(request.getMethod())
                || path.equals("/v1/openapi.json");
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null
                || header.length() < 8
                || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            failures.refuse(request, response, KeyVerification.NotFound.INSTANCE);
            return;
        }
        KeyVerification outcome = verifier.verify(header.substring(7).strip());
        switch (outcome) {
            case KeyVerification.Valid(Caller caller) -> {
                request.setAttribute(CALLER, caller);
                if (failures.admitted(caller, request, response)) {
                    chain.doFilter(request, response);
                }
            }
            default -> {
                log.debug("API key refused: {}", outcome.reason());
                failures.refuse(request, response, outcome);
            }
        }
    }
}
