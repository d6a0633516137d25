package dev.gatehouse.portal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.domains.ConnectionStatus;
import dev.gatehouse.domains.DnsRecord;
import dev.gatehouse.domains.RecordCheck;

/**
 * Connect Domain's codes in the reader's language: connection statuses, check outcomes, failure
 * reasons and the reasons a hostname is refused. A code the bundles do not know yet is shown as it
 * is rather than hidden.
 */
public final class DomainText {

    /**
     * The hostname rules answer in English sentences ({@code Hostnames.Invalid#reason}); these are
     * their message keys. An unknown sentence falls back to a general message with the sentence.
     */
    static final Map<String, String> HOSTNAME_REASONS = Map.of(
            "is longer than 253 characters", "tooLong",
            "is empty", "empty",
            "is an IP address, not a hostname", "ipLiteral",
            "wildcards are not supported", "wildcard",
            "is not a valid internationalised domain name", "idna",
            "is a public suffix; use a name under it", "publicSuffix",
            "is not under a known public suffix", "unknownSuffix",
            "is reserved by this service", "reserved",
            "needs at least two labels, such as shop.example.com", "labels",
            "has a label that is empty or longer than 63 characters", "labelLength");

    private static final String LDH = "labels may hold only letters, digits and inner hyphens";

    private DomainText() {
    }

    public static String status(Msg msg, ConnectionStatus status) {
        return msg.text("domains.status." + status.wire());
    }

    /** The badge class of a status: live is good, failed and removed are bad, the rest are on their way. */
    public static String badge(ConnectionStatus status) {
        return switch (status) {
            case LIVE -> "allow";
            case FAILED, REMOVED -> "deny";
            case PENDING, VERIFIED -> "wait";
        };
    }

    public static String outcome(Msg msg, RecordCheck.Outcome outcome) {
        return msg.text("domains.outcome." + outcome.wire());
    }

    public static String purpose(Msg msg, DnsRecord.Purpose purpose) {
        return msg.text("domains.purpose." + purpose.wire());
    }

    /** Why a connection is not (or no longer) live, in plain words; null when there is no reason. */
    public static @Nullable String failure(Msg msg, @Nullable String reason) {
        if (reason == null) {
            return null;
        }
        String text = msg.text("domains.failure." + reason);
        return text.startsWith("??") ? reason : text;
    }

    static String invalidHostname(Msg msg, String reason) {
        String key = reason.equals(LDH) ? "ldh" : HOSTNAME_REASONS.get(reason);
        return key == null ? msg.text("domains.hostname.invalid", reason) : msg.text("domains.hostname." + key);
    }
}
