package dev.gatehouse.portal;

import dev.gatehouse.gateway.GatewaySettings;
import dev.gatehouse.gateway.access.AccessLimits;
import dev.gatehouse.gateway.access.AllowedIps;
import dev.gatehouse.gateway.access.CredentialIssuance;
import dev.gatehouse.gateway.access.CredentialKind;
import dev.gatehouse.gateway.controls.KillSwitch;
import dev.gatehouse.gateway.policy.Problem;
import dev.gatehouse.gateway.policy.Schedule;
import dev.gatehouse.gateway.policy.Validated;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of the ERP Access API's request bodies, applied to the portal's forms: the same limits
 * (names 1–200 characters without control characters, e-mail up to 254, {@code
 * rate_limit_per_minute} 1–{@value GatewaySettings#RATE_LIMIT_CEILING}, at most {@value
 * AllowedIps#MAX_ENTRIES} CIDR blocks read by {@link AllowedIps}, expiry in the future and within
 * {@value #MAX_EXPIRY_DAYS} days, an overlap of 0–24 h, a kill switch reason of 1–{@value
 * KillSwitch#MAX_REASON} characters, the schedule read by {@link Schedule#parse}). Problems are
 * message keys under {@code gateway.error.}; every problem of a form is found at once.
 */
final class GatewayRules {

    static final int MAX_NAME = AccessLimits.MAX_NAME;
    static final int MAX_EMAIL = AccessLimits.MAX_EMAIL;
    static final int MAX_EXPIRY_DAYS = AccessLimits.MAX_EXPIRY_DAYS;

    private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");

    private GatewayRules() {}

    /** The stripped name, or null when it is empty, too long or holds control characters. */
    static @Nullable String name(String raw) {
        return AccessLimits.name(raw);
    }

    /** True when {@code raw} is blank or an e-mail address the API accepts. */
    static boolean email(String raw) {
        return raw.isBlank() || AccessLimits.isEmail(raw);
    }

    /** The outcome of reading the credential form. */
    sealed interface CredentialInput permits CredentialOk, CredentialRefused {}

    record CredentialOk(CredentialIssuance.CredentialRequest request) implements CredentialInput {}

    /**
     * @param errors field → message key
     */
    record CredentialRefused(Map<String, String> errors) implements CredentialInput {}

    /**
     * Reads the issue form: {@code kind}, {@code expiresAt} (a local date and time read as UTC,
     * {@code 2027-01-31T18:00}), {@code rateLimit} (blank: the default), {@code allowedIps} (one
     * block per line, or separated by spaces or commas).
     */
    static CredentialInput credential(
            String kind, String expiresAt, String rateLimit, String allowedIps, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        CredentialKind k = CredentialKind.fromWire(kind.isBlank() ? "standard" : kind.strip());
        if (k == null) {
            errors.put("kind", "gateway.error.kind");
        }
        Instant expires = null;
        if (!expiresAt.isBlank()) {
            try {
                expires = LocalDateTime.parse(expiresAt.strip()).toInstant(ZoneOffset.UTC);
                if (!expires.isAfter(now)
                        || expires.isAfter(now.plus(Duration.ofDays(MAX_EXPIRY_DAYS)))) {
                    errors.put("expiresAt", "gateway.error.expiresAt");
                }
            } catch (DateTimeParseException e) {
                errors.put("expiresAt", "gateway.error.expiresAt");
            }
        }
        Integer rate = null;
        String r = rateLimit.strip();
        if (!r.isEmpty()) {
            rate = WHOLE.matcher(r).matches() ? Integer.valueOf(r) : null;
            if (rate == null || rate < 1 || rate > GatewaySettings.RATE_LIMIT_CEILING) {
                errors.put("rateLimit", "gateway.error.rateLimit");
            }
        }
        List<@Nullable String> entries = new ArrayList<>();
        for (String s : allowedIps.split("[\\s,]+")) {
            if (!s.isEmpty()) {
                entries.add(s);
            }
        }
        AllowedIps.Parsed ips = AllowedIps.parse(entries);
        if (!ips.problems().isEmpty()) {
            errors.put(
                    "allowedIps",
                    entries.size() > AllowedIps.MAX_ENTRIES
                            ? "gateway.error.allowedIpsTooMany"
                            : "gateway.error.allowedIps");
        }
        if (!errors.isEmpty() || k == null) {
            return new CredentialRefused(errors);
        }
        return new CredentialOk(
                new CredentialIssuance.CredentialRequest(k, expires, rate, ips.ips()));
    }

    /** The rotation overlap in seconds, 0–86,400, or null when out of range or not a number. */
    static @Nullable Duration overlap(String raw) {
        String s = raw.strip();
        if (s.isEmpty()) {
            return Duration.ZERO;
        }
        if (!WHOLE.matcher(s).matches()) {
            return null;
        }
        Duration d = Duration.ofSeconds(Long.parseLong(s));
        return d.compareTo(CredentialIssuance.MAX_OVERLAP) > 0 ? null : d;
    }

    /** The stripped reason for engaging the kill switch, or null when empty or too long. */
    static @Nullable String reason(String raw) {
        String s = raw.strip();
        return s.isEmpty() || s.length() > KillSwitch.MAX_REASON ? null : s;
    }

    /**
     * The schedule, or the message keys of its problems by field ({@code timezone}, {@code days},
     * {@code start}, {@code end}).
     */
    static Validated<Schedule> schedule(
            String timezone, List<String> days, String start, String end, boolean enabled) {
        return Schedule.parse(timezone.strip(), days, start.strip(), end.strip(), enabled);
    }

    /** The message key of each field's first problem. */
    static Map<String, String> keys(List<Problem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Problem p : problems) {
            out.putIfAbsent(p.field(), "gateway.error.schedule." + p.field());
        }
        return out;
    }
}
