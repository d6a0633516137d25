package dev.gatehouse.domains;

/**
 * The connection limit could not be evaluated (the quota lock was not had in time, or the database
 * failed). Quota fails closed: whatever needed the reservation does not happen.
 */
public final class QuotaUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    QuotaUnavailable(Throwable cause) {
        super("connection quota could not be evaluated", cause);
    }
}
