package dev.gatehouse.domains;

/**
 * The connection limit could not be evaluated (the quota lock was not had in time, or the database
 * failed), so nothing was created or changed. Quota fails closed; each surface answers it once (503
 * {@code quota_unavailable} in the API and the widget, a message in the portal).
 */
public record QuotaUnavailable()
        implements ConnectionLifecycle.Created, ConnectionChecks.Verification {}
