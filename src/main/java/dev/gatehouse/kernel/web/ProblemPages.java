package dev.gatehouse.kernel.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Seam for a product that serves pages to people: it answers the problems of its own requests as a
 * page in the reader's language instead of problem+json (an unknown portal URL is a 404 page, not
 * JSON in the browser). The kernel knows no product: it asks each registered instance in order, and
 * the first that {@link #serves} the request renders the problem; the status stays the problem's.
 */
public interface ProblemPages {

    /** Whether problems of {@code request} are answered as this product's pages. */
    boolean serves(HttpServletRequest request);

    /**
     * Writes {@code problem} as a page with {@code problem.status()}, keeping headers already set
     * (request id, security headers, {@code Allow}).
     */
    void render(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException;
}
