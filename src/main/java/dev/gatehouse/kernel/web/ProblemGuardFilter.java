package dev.gatehouse.kernel.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Last-resort wrapper: any exception that escapes the rest of the chain (a filter, or MVC itself)
 * becomes the same problem+json the MVC handler would give, instead of the container's error page.
 * An exception after the response was committed is rethrown instead, so the container aborts the
 * connection rather than ending a cut-off body as if it were complete. Unexpected failures are
 * logged at ERROR with the ref in the MDC; the client sees only the generic 500 detail.
 */
public final class ProblemGuardFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ProblemGuardFilter.class);

    private final ProblemRenderer renderer;
    private final ProblemMapper mapper;

    public ProblemGuardFilter(ProblemRenderer renderer, ProblemMapper mapper) {
        this.renderer = renderer;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (response.isCommitted()) {
                // An answer that has started cannot become a problem. Ending it normally would
                // make a cut-off body look complete, so the failure goes on to the container,
                // which closes the connection without ending the body.
                log.warn(
                        "Failure after the response was committed on {} {}; aborting the"
                                + " connection",
                        request.getMethod(),
                        request.getRequestURI());
                throw e;
            }
            Throwable failure =
                    e instanceof ServletException se && se.getRootCause() != null
                            ? se.getRootCause()
                            : e;
            ApiProblem problem = mapper.toProblem(failure, request);
            if (problem.status() >= 500) {
                log.error(
                        "Unhandled failure on {} {}",
                        request.getMethod(),
                        request.getRequestURI(),
                        failure);
            }
            renderer.write(request, response, problem);
        }
    }
}
