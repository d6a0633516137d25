package dev.gatehouse.portal;

import dev.gatehouse.domains.CaaCheck;
import dev.gatehouse.domains.Connection;
import dev.gatehouse.domains.ConnectionStatus;
import dev.gatehouse.domains.DnsRecord;
import dev.gatehouse.domains.RecordCheck;
import dev.gatehouse.domains.dns.ProviderConfig;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Connect Domain's codes in the reader's language: connection statuses, check outcomes, CAA
 * preflight results, failure reasons, the reasons a hostname is refused, webhook delivery statuses
 * and errors, and DNS providers. A code the bundles do not know yet is shown as it is rather than
 * hidden.
 */
public final class DomainText {

    /**
     * The hostname rules answer in English sentences ({@code Hostnames.Invalid#reason}); these are
     * their message keys. An unknown sentence falls back to a general message with the sentence.
     */
    private DomainText() {}

    public static String status(Msg msg, ConnectionStatus status) {
        return msg.text("domains.status." + status.wire());
    }

    /**
     * What a connection's status means for it: the status's own sentence, except for a connection
     * that failed because the DNS servers never answered, which must not be told to fix its
     * records.
     */
    public static String about(Msg msg, Connection c) {
        if (c.status() == ConnectionStatus.FAILED && "dns_unavailable".equals(c.failureReason())) {
            return msg.text("domains.status.failed.dns_unavailable.about");
        }
        return msg.text("domains.status." + c.status().wire() + ".about");
    }

    /**
     * The badge class of a status: live is good, failed and removed are bad, the rest are on their
     * way.
     */
    public static String badge(ConnectionStatus status) {
        return switch (status) {
            case LIVE -> "allow";
            case FAILED, REMOVED -> "deny";
            case PENDING, VERIFIED -> "wait";
        };
    }

    /**
     * The result badge of one record's check: OK, no answer (the DNS servers did not answer, so
     * nothing is known against the record), or mismatch.
     */
    public static String checkResult(Msg msg, RecordCheck check) {
        return msg.text(
                check.ok()
                        ? "domains.check.ok"
                        : check.outcome().unanswered()
                                ? "domains.check.unanswered"
                                : "domains.check.mismatch");
    }

    /** The badge class of {@link #checkResult}: an unanswered record is waiting, not wrong. */
    public static String checkBadge(RecordCheck check) {
        return check.ok() ? "allow" : check.outcome().unanswered() ? "wait" : "deny";
    }

    /** The CAA preflight's status in a word or two. */
    public static String caaStatus(Msg msg, CaaCheck caa) {
        return msg.text("domains.caa.status." + caa.status().wire());
    }

    /** The badge class of a CAA preflight: forbidden is bad, not known is waiting. */
    public static String caaBadge(CaaCheck caa) {
        return switch (caa.status()) {
            case ALLOWED -> "allow";
            case FORBIDDEN -> "deny";
            case UNKNOWN -> "wait";
        };
    }

    /**
     * What the CAA preflight found, in a sentence naming where the records are, the CAs checked for
     * and, when they are forbidden, the record that would allow the first of them.
     */
    public static String caaAbout(Msg msg, CaaCheck caa) {
        String domain = caa.domain() == null ? "" : caa.domain();
        String cas = String.join(", ", caa.allowedCas());
        String fix =
                "0 issue \""
                        + (caa.allowedCas().isEmpty() ? "" : caa.allowedCas().getFirst())
                        + "\"";
        return msg.text("domains.caa.reason." + caa.reason().wire(), domain, cas, fix);
    }

    /**
     * When a pending or verified connection fails if it is not live by then, in the reader's
     * language ("Verify by 9 Dec 2026, 14:00 UTC"); null in other statuses.
     */
    public static @Nullable String deadline(Msg msg, Connection c) {
        return switch (c.status()) {
            case PENDING -> msg.text("domains.connections.verifyBy", when(msg, c.deadlineAt()));
            case VERIFIED -> msg.text("domains.connections.liveBy", when(msg, c.deadlineAt()));
            case LIVE, FAILED, REMOVED -> null;
        };
    }

    /** An instant as a reader says it: {@code 9 Dec 2026, 14:00 UTC}, month in their language. */
    public static String when(Msg msg, Instant at) {
        return DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", msg.locale())
                .withZone(ZoneOffset.UTC)
                .format(at);
    }

    public static String outcome(Msg msg, RecordCheck.Outcome outcome) {
        return msg.text("domains.outcome." + outcome.wire());
    }

    public static String purpose(Msg msg, DnsRecord.Purpose purpose) {
        return msg.text("domains.purpose." + purpose.wire());
    }

    /**
     * Why a connection is not (or no longer) live, in plain words; null when there is no reason.
     */
    public static @Nullable String failure(Msg msg, @Nullable String reason) {
        if (reason == null) {
            return null;
        }
        String text = msg.text("domains.failure." + reason);
        return text.startsWith("??") ? reason : text;
    }

    /**
     * Why {@code c} is not (or no longer) live; a failed connection may have its own sentence for a
     * reason ({@code dns_unavailable}: no more retries, unlike a pending one).
     */
    public static @Nullable String failure(Msg msg, Connection c) {
        if (c.status() == ConnectionStatus.FAILED && c.failureReason() != null) {
            String text = msg.text("domains.failure." + c.failureReason() + ".failed");
            if (!text.startsWith("??")) {
                return text;
            }
        }
        return failure(msg, c.failureReason());
    }

    /**
     * A webhook delivery's status ({@code pending}, {@code delivered}, {@code failed}, {@code
     * disabled}).
     */
    public static String deliveryStatus(Msg msg, String status) {
        return known(msg, "domains.delivery.status." + status, status);
    }

    /**
     * The badge class of a delivery status: delivered is good, failed and disabled bad, pending on
     * its way.
     */
    public static String deliveryBadge(String status) {
        return switch (status) {
            case "delivered" -> "allow";
            case "failed", "disabled" -> "deny";
            default -> "wait";
        };
    }

    /** Why a delivery stopped, in plain words; null when it did not. */
    public static @Nullable String deliveryReason(Msg msg, @Nullable String reason) {
        return reason == null ? null : known(msg, "domains.delivery.reason." + reason, reason);
    }

    /**
     * What went wrong with the last attempt when a status code does not say it (timeout…); null
     * when nothing.
     */
    public static @Nullable String deliveryError(Msg msg, @Nullable String error) {
        return error == null ? null : known(msg, "domains.delivery.error." + error, error);
    }

    /** A DNS provider's name ({@code rfc2136}, {@code cloudflare}). */
    public static String provider(Msg msg, String provider) {
        return known(msg, "domains.credentials.provider." + provider, provider);
    }

    /**
     * A credential's non-secret settings in one line: server, port and zone, or the Cloudflare zone
     * id (and its API address when it is not Cloudflare's own, as outside production).
     */
    public static String summary(ProviderConfig config) {
        return switch (config) {
            case ProviderConfig.Rfc2136 r ->
                    (r.server().contains(":") ? "[" + r.server() + "]" : r.server())
                            + ":"
                            + r.port()
                            + " · "
                            + r.zone()
                            + " · "
                            + r.tsigKeyName()
                            + " ("
                            + r.tsigAlgorithm()
                            + ")";
            case ProviderConfig.Cloudflare c ->
                    c.baseUrl().equals(ProviderConfig.Cloudflare.DEFAULT_BASE_URL)
                            ? c.zoneId()
                            : c.zoneId() + " · " + c.baseUrl();
        };
    }

    /** The message of {@code key}, or {@code code} itself when the bundles do not know it yet. */
    private static String known(Msg msg, String key, String code) {
        String text = msg.text(key);
        return text.startsWith("??") ? code : text;
    }

    static String invalidHostname(Msg msg, dev.gatehouse.domains.Hostnames.Reason reason) {
        return msg.text("domains.hostname." + reason.code());
    }
}
