package dev.gatehouse.gateway.upstream;

import java.io.IOException;

/**
 * Thrown by {@link UpstreamRelay#relay} when the answer had already started streaming to the client
 * and then failed (the upstream broke off or timed out, or the body went over {@code
 * max_response_bytes}). A complete-looking response would lie about a truncated body, so the
 * connection must be aborted: the caller records {@link #result()} and lets this exception reach
 * the servlet container, which then closes the connection without ending the body (Tomcat does so
 * for an exception after commit). It carries no upstream text.
 */
public final class RelayAborted extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient RelayResult result;

    RelayAborted(RelayResult result) {
        super("relay aborted after the response was committed: " + result.reason(), null);
        this.result = result;
    }

    public RelayResult result() {
        return result;
    }
}
