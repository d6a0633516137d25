package dev.gatehouse.kernel.audit;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An event a caller asks the {@link AuditLog} to record. Build one with {@link #of} and the {@code
 * with…} methods; the log adds the public id and time, fills {@code ref}, {@code ip} and {@code
 * userAgent} from the current request when left null, and redacts before storage.
 *
 * @param tenant the tenant whose chain holds the event, or null for a platform (operator/system)
 *     event
 * @param actor who did it
 * @param action {@code <noun>.<past-tense verb>}, e.g. {@code api_key.created}; matches {@code
 *     ^[a-z_]+(\.[a-z_]+)+$}, at most 100 characters
 * @param target what it was done to, or null
 * @param decision allow or deny when the event records an access decision, else null
 * @param reason a short reason code, e.g. {@code scope_missing}; at most 500 characters
 * @param details free-form JSON-able values (maps, lists, strings, numbers, booleans, records);
 *     secret fields and secret-shaped strings are masked and long strings cut before storage
 * @param ref correlation id, or null to take the current request's
 * @param ip client address, or null to take the current request's
 * @param userAgent user agent, or null to take the current request's
 */
public record AuditEntry(
        @Nullable TenantId tenant,
        Actor actor,
        String action,
        @Nullable Target target,
        @Nullable Decision decision,
        @Nullable String reason,
        Map<String, ?> details,
        @Nullable String ref,
        @Nullable String ip,
        @Nullable String userAgent) {

    private static final Pattern ACTION = Pattern.compile("^[a-z_]+(\\.[a-z_]+)+$");

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(details, "details");
        if (!isValidAction(action)) {
            throw new IllegalArgumentException(
                    "action must look like <noun>.<past_tense_verb> (^[a-z_]+(\\.[a-z_]+)+$, at"
                            + " most 100 characters), was '"
                            + action
                            + "'");
        }
        if (reason != null && reason.length() > 500) {
            throw new IllegalArgumentException(
                    "reason must be at most 500 characters, was " + reason.length());
        }
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** True when {@code action} is a well-formed action name. */
    public static boolean isValidAction(String action) {
        return action.length() <= 100 && ACTION.matcher(action).matches();
    }

    /** A new entry with no target, decision, details or request data. */
    public static AuditEntry of(@Nullable TenantId tenant, Actor actor, String action) {
        return new AuditEntry(tenant, actor, action, null, null, null, Map.of(), null, null, null);
    }

    public AuditEntry withTarget(String type, String id) {
        return new AuditEntry(
                tenant,
                actor,
                action,
                new Target(type, id),
                decision,
                reason,
                details,
                ref,
                ip,
                userAgent);
    }

    public AuditEntry allowed() {
        return new AuditEntry(
                tenant, actor, action, target, Decision.ALLOW, reason, details, ref, ip, userAgent);
    }

    public AuditEntry denied(String reasonCode) {
        return new AuditEntry(
                tenant,
                actor,
                action,
                target,
                Decision.DENY,
                reasonCode,
                details,
                ref,
                ip,
                userAgent);
    }

    public AuditEntry withReason(String reasonCode) {
        return new AuditEntry(
                tenant, actor, action, target, decision, reasonCode, details, ref, ip, userAgent);
    }

    public AuditEntry withDetails(Map<String, ?> newDetails) {
        return new AuditEntry(
                tenant, actor, action, target, decision, reason, newDetails, ref, ip, userAgent);
    }

    /** Sets request data explicitly (for work that runs outside the HTTP request, e.g. a queue). */
    public AuditEntry withRequest(
            @Nullable String newRef, @Nullable String newIp, @Nullable String newUserAgent) {
        return new AuditEntry(
                tenant,
                actor,
                action,
                target,
                decision,
                reason,
                details,
                newRef,
                newIp,
                newUserAgent);
    }
}
