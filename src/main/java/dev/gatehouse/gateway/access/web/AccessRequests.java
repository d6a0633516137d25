package dev.gatehouse.gateway.access.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.gatehouse.gateway.GatewaySettings;
import dev.gatehouse.gateway.access.AccessLimits;
import dev.gatehouse.gateway.access.Account;
import dev.gatehouse.gateway.access.AllowedIps;
import dev.gatehouse.gateway.access.CredentialIssuance;
import dev.gatehouse.gateway.access.CredentialKind;
import dev.gatehouse.gateway.access.GatewayActor;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The request bodies of the access administration and how they are read: every problem reported at
 * once, nothing changed on any. Limits: names 1–200 characters, e-mail up to 254, at most {@value
 * AllowedIps#MAX_ENTRIES} CIDR blocks, {@code rate_limit_per_minute} 1–1,000,000, {@code
 * expires_at} in the future and within {@value #MAX_EXPIRY_DAYS} days, {@code overlap_seconds}
 * 0–86,400.
 */
final class AccessRequests {

    static final int MAX_NAME = AccessLimits.MAX_NAME;
    static final int MAX_EMAIL = AccessLimits.MAX_EMAIL;
    static final int MAX_EXPIRY_DAYS = AccessLimits.MAX_EXPIRY_DAYS;
    static final long MAX_OVERLAP_SECONDS = CredentialIssuance.MAX_OVERLAP.toSeconds();

    @Schema(name = "GatewayAccountCreateRequest")
    record AccountCreate(
            @Schema(requiredMode = REQUIRED, minLength = 1, maxLength = MAX_NAME)
                    @Nullable String name,
            @Schema(
                            allowableValues = {"active", "suspended"},
                            defaultValue = "active")
                    @Nullable String status) {}

    @Schema(name = "GatewayAccountUpdateRequest", description = "A missing field is unchanged.")
    record AccountUpdate(
            @Schema(minLength = 1, maxLength = MAX_NAME) @Nullable String name,
            @Schema(
                            allowableValues = {"active", "suspended"},
                            description =
                                    "suspended refuses every credential set of the account at"
                                            + " once, on every node")
                    @Nullable String status) {}

    @Schema(name = "GatewayActorCreateRequest")
    record ActorCreate(
            @Schema(requiredMode = REQUIRED, minLength = 1, maxLength = MAX_NAME)
                    @Nullable String name,
            @Schema(format = "email", maxLength = MAX_EMAIL) @Nullable String email,
            @Schema(
                            allowableValues = {"active", "disabled"},
                            defaultValue = "active")
                    @Nullable String status) {}

    @Schema(
            name = "GatewayActorUpdateRequest",
            description = "A missing field is unchanged; an empty email removes it.")
    record ActorUpdate(
            @Schema(minLength = 1, maxLength = MAX_NAME) @Nullable String name,
            @Schema(maxLength = MAX_EMAIL) @Nullable String email,
            @Schema(
                            allowableValues = {"active", "disabled"},
                            description =
                                    "disabled refuses every credential set of the actor at once,"
                                            + " on every node")
                    @Nullable String status) {}

    @Schema(name = "GatewayCredentialIssueRequest")
    record CredentialIssue(
            @Schema(
                            allowableValues = {"standard", "admin_unrestricted"},
                            defaultValue = "standard",
                            description =
                                    "admin_unrestricted needs no policy; only gateway:admin keys"
                                        + " and the portal's owner and admin roles may issue it")
                    @Nullable String kind,
            @Schema(description = "In the future, within 3650 days; never expires when omitted.")
                    @Nullable OffsetDateTime expiresAt,
            @Schema(
                            minimum = "1",
                            maximum = "1000000",
                            description =
                                    "Relays per minute; the installation's default when omitted.")
                    @Nullable Integer rateLimitPerMinute,
            @ArraySchema(
                            maxItems = AllowedIps.MAX_ENTRIES,
                            arraySchema =
                                    @Schema(
                                            description =
                                                    "IPv4 and IPv6 addresses or CIDR blocks; empty"
                                                            + " or omitted allows any address."))
                    @Nullable List<String> allowedIps) {}

    @Schema(name = "GatewayCredentialRotateRequest")
    record CredentialRotate(
            @Schema(
                            minimum = "0",
                            maximum = "86400",
                            defaultValue = "0",
                            description =
                                    "How long the replaced secrets keep working; 0 stops them at"
                                            + " once.")
                    @Nullable Long overlapSeconds) {}

    private AccessRequests() {}

    static String requiredName(@Nullable String name) {
        if (name == null) {
            throw ApiProblem.badRequest("name", "is required");
        }
        return name(name);
    }

    static String name(String raw) {
        String s = AccessLimits.name(raw);
        if (s == null) {
            throw ApiProblem.badRequest(
                    "name", "must be 1 to " + MAX_NAME + " characters without control characters");
        }
        return s;
    }

    static Account.Status accountStatus(@Nullable String raw, Account.Status otherwise) {
        if (raw == null) {
            return otherwise;
        }
        Account.Status s = Account.Status.fromWire(raw);
        if (s == null) {
            throw ApiProblem.badRequest("status", "must be active or suspended");
        }
        return s;
    }

    static GatewayActor.Status actorStatus(@Nullable String raw, GatewayActor.Status otherwise) {
        if (raw == null) {
            return otherwise;
        }
        GatewayActor.Status s = GatewayActor.Status.fromWire(raw);
        if (s == null) {
            throw ApiProblem.badRequest("status", "must be active or disabled");
        }
        return s;
    }

    /** The e-mail to store: null when {@code raw} is null or blank. */
    static @Nullable String email(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.strip();
        if (!AccessLimits.isEmail(s)) {
            throw ApiProblem.badRequest(
                    "email",
                    "must be an e-mail address such as ops@example.com, at most "
                            + MAX_EMAIL
                            + " characters");
        }
        return s;
    }

    static CredentialIssuance.CredentialRequest credential(CredentialIssue b, Instant now) {
        List<ApiProblem.FieldMessage> errors = new ArrayList<>();
        CredentialKind kind = CredentialKind.STANDARD;
        if (b.kind() != null) {
            CredentialKind k = CredentialKind.fromWire(b.kind());
            if (k == null) {
                errors.add(
                        new ApiProblem.FieldMessage(
                                "kind", "must be standard or admin_unrestricted"));
            } else {
                kind = k;
            }
        }
        Instant expires = b.expiresAt() == null ? null : b.expiresAt().toInstant();
        if (expires != null
                && (!expires.isAfter(now)
                        || expires.isAfter(now.plus(Duration.ofDays(MAX_EXPIRY_DAYS))))) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            "expires_at",
                            "must be in the future and within " + MAX_EXPIRY_DAYS + " days"));
        }
        Integer rate = b.rateLimitPerMinute();
        if (rate != null && (rate < 1 || rate > GatewaySettings.RATE_LIMIT_CEILING)) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            "rate_limit_per_minute",
                            "must be between 1 and "
                                    + GatewaySettings.RATE_LIMIT_CEILING
                                    + ", was "
                                    + rate));
        }
        AllowedIps ips = AllowedIps.any();
        if (b.allowedIps() != null) {
            AllowedIps.Parsed parsed = AllowedIps.parse(new ArrayList<>(b.allowedIps()));
            parsed.problems()
                    .forEach(p -> errors.add(new ApiProblem.FieldMessage("allowed_ips", p)));
            ips = parsed.ips();
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest("The request is not valid.", errors);
        }
        return new CredentialIssuance.CredentialRequest(kind, expires, rate, ips);
    }

    static Duration overlap(@Nullable CredentialRotate b) {
        long seconds = b == null || b.overlapSeconds() == null ? 0 : b.overlapSeconds();
        if (seconds < 0 || seconds > MAX_OVERLAP_SECONDS) {
            throw ApiProblem.badRequest(
                    "overlap_seconds",
                    "must be between 0 and " + MAX_OVERLAP_SECONDS + ", was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }
}
