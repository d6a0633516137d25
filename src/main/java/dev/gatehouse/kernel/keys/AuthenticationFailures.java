package dev.gatehouse.kernel.keys;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * What the edge does around authentication: answers a refused key, and decides whether an
 * authenticated caller may proceed (per-key rate limit). Implemented where problem rendering, audit
 * and rate limits meet.
 */
public interface AuthenticationFailures {

    /** Writes the one 401 answer, and records the refusal. */
    void refuse(HttpServletRequest request, HttpServletResponse response, KeyVerification outcome)
            throws IOException;

    /** True to continue; otherwise the response has been written (for example 429). */
    boolean admitted(Caller caller, HttpServletRequest request, HttpServletResponse response)
            throws IOException;
}
