package dev.gatehouse.erpsync.portal;

/** A read from the portal failed after its retries; the message never carries a credential. */
public final class PortalUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortalUnavailable(String message) {
        super(message, null, false, false);
    }
}
