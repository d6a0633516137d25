package dev.gatehouse.licensing;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.tenancy.SystemScope;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The license server role ({@code GATEHOUSE_LICENSE_SERVER_ENABLED}): answers {@code GET
 * /api/validate} exactly as the original SageConnect license server did, signed with {@code
 * HMAC_SECRET}, and issues, revokes and lists licenses for the command line (audited).
 *
 * <p>An unknown key gets the same signed {@code active: false} as a revoked or expired one, so the
 * server tells nobody which keys exist.
 */
@Component
public class LicenseServer {

    /** The longest key looked up; longer ones are answered {@code active: false} unread. */
    static final int MAX_KEY_LENGTH = LicensingSettings.MAX_KEY_LENGTH;

    /** {@code expiresAt} as JavaScript's {@code toISOString} writes it, which clients expect. */
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final SystemScope TABLE =
            new SystemScope("licensing: the license server's table");
    private static final Actor CLI = Actor.system("cli");

    private final Licenses licenses;
    private final AuditLog audit;
    private final Clock clock;
    private final boolean enabled;
    private final @Nullable String secret;

    LicenseServer(Licenses licenses, AuditLog audit, Clock clock, Settings settings) {
        LicensingSettings licensing = settings.section(LicensingSettings.class);
        this.licenses = licenses;
        this.audit = audit;
        this.clock = clock;
        this.enabled = licensing.serverEnabled();
        this.secret = licensing.hmacSecret();
    }

    /** Whether this installation is a license server. */
    public boolean enabled() {
        return enabled && secret != null;
    }

    /** The signed answer for {@code key}, as sent on the wire. */
    public Answer answer(String key) {
        String signingSecret = requireSecret();
        Instant now = clock.instant();
        Optional<Licenses.Row> row =
                key.isEmpty() || key.length() > MAX_KEY_LENGTH
                        ? Optional.empty()
                        : licenses.byKey(TABLE, key);
        boolean active = row.isPresent() && row.get().activeAt(now);
        String expiresAt =
                active && row.get().expiresAt() != null
                        ? ISO_MILLIS.format(row.get().expiresAt())
                        : null;
        long ts = now.toEpochMilli();
        return new Answer(
                active, expiresAt, ts, LicenseAnswer.sign(signingSecret, active, expiresAt, ts));
    }

    /**
     * The answer of {@code GET /api/validate}, in the original's field names and order.
     *
     * @param active whether the key is active now
     * @param expiresAt its expiry, only when active and it has one
     * @param ts the server's clock, epoch milliseconds
     * @param sig the hex HMAC-SHA256 of {@code {"active":…,"expiresAt":…,"ts":…}}
     */
    public record Answer(boolean active, @Nullable String expiresAt, long ts, String sig) {}

    /** Issues a license; the result holds its key, to be shown once. */
    Licenses.Issued issue(String customer, @Nullable Instant expiresAt) {
        requireSecret();
        return recordIssued(licenses.issue(TABLE, customer, expiresAt, clock.instant()));
    }

    /** Issues a license for the key {@code key} this node's settings made up (the demo's). */
    Licenses.Issued issue(String customer, String key, Instant expiresAt) {
        requireSecret();
        return recordIssued(licenses.issue(TABLE, customer, key, expiresAt, clock.instant()));
    }

    private Licenses.Issued recordIssued(Licenses.Issued issued) {
        audit.record(
                AuditEntry.of(null, CLI, "license.issued")
                        .allowed()
                        .withTarget("license", issued.license().publicId())
                        .withDetails(
                                Map.of(
                                        "customer",
                                        issued.license().customer(),
                                        "expires_at",
                                        issued.license().expiresAt() == null
                                                ? "never"
                                                : String.valueOf(issued.license().expiresAt()))));
        return issued;
    }

    /** Revokes a license: its next validation answers {@code active: false}. */
    boolean revoke(String publicId) {
        requireSecret();
        boolean revoked = licenses.revoke(TABLE, publicId, clock.instant());
        if (revoked) {
            audit.record(
                    AuditEntry.of(null, CLI, "license.revoked")
                            .allowed()
                            .withTarget("license", publicId));
        }
        return revoked;
    }

    List<Licenses.Row> list() {
        return licenses.list(TABLE);
    }

    Instant now() {
        return clock.instant();
    }

    private String requireSecret() {
        if (!enabled || secret == null) {
            throw new IllegalStateException("the license server role is off");
        }
        return secret;
    }
}
