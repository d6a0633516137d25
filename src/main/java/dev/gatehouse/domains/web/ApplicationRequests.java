package dev.gatehouse.domains.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.ApplicationRules;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.domains.Hostnames;
import dev.gatehouse.domains.Target;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns an application request body into validated {@link Applications.Fields}, reporting every
 * problem at once. Limits: name 1–200 characters, at most 16 addresses per family, 32 allowed
 * origins, URLs up to 2048 characters.
 */
final class ApplicationRequests {

    static final int MAX_ADDRESSES = ApplicationRules.MAX_ADDRESSES;
    static final int MAX_ALLOWED_ORIGINS = ApplicationRules.MAX_ALLOWED_ORIGINS;
    static final int MAX_URL = ApplicationRules.MAX_URL;

    /** What POST and PATCH share, read the same way. */
    sealed interface Fields permits ApplicationCreateRequest, ApplicationUpdateRequest {
        @Nullable String name();

        @Nullable ApplicationTargetRequest target();

        @Nullable String origin();

        @Nullable List<String> allowedOrigins();

        @Nullable String webhookUrl();

        @Nullable String status();
    }

    /** The body of {@code POST /v1/applications}. */
    record ApplicationCreateRequest(
            @Schema(requiredMode = REQUIRED, minLength = 1, maxLength = ApplicationRules.MAX_NAME)
                    @Nullable String name,
            @Schema(requiredMode = REQUIRED) @Nullable ApplicationTargetRequest target,
            @Schema(
                            requiredMode = REQUIRED,
                            description = "The customer application's http(s) URL.",
                            format = "uri",
                            maxLength = ApplicationRules.MAX_URL)
                    @Nullable String origin,
            @ArraySchema(
                            maxItems = ApplicationRules.MAX_ALLOWED_ORIGINS,
                            arraySchema =
                                    @Schema(
                                            description =
                                                    "Origins such as https://app.example.com that"
                                                            + " may embed the widget."))
                    @Nullable List<String> allowedOrigins,
            @Schema(
                            description = "A public https URL for webhook events.",
                            format = "uri",
                            maxLength = ApplicationRules.MAX_URL)
                    @Nullable String webhookUrl,
            @Schema(
                            allowableValues = {"active", "disabled"},
                            defaultValue = "active")
                    @Nullable String status)
            implements Fields {}

    /**
     * The body of {@code PATCH /v1/applications/{id}}: a null or missing field is unchanged; an
     * empty webhook_url removes the webhook.
     */
    record ApplicationUpdateRequest(
            @Schema(minLength = 1, maxLength = ApplicationRules.MAX_NAME) @Nullable String name,
            @Nullable ApplicationTargetRequest target,
            @Schema(format = "uri", maxLength = ApplicationRules.MAX_URL) @Nullable String origin,
            @ArraySchema(maxItems = ApplicationRules.MAX_ALLOWED_ORIGINS)
                    @Nullable List<String> allowedOrigins,
            @Schema(
                            description = "A public https URL, or empty to remove the webhook.",
                            maxLength = ApplicationRules.MAX_URL)
                    @Nullable String webhookUrl,
            @Schema(allowableValues = {"active", "disabled"}) @Nullable String status)
            implements Fields {}

    /** Where customer hostnames point: a CNAME target, or IPv4 and IPv6 addresses. */
    record ApplicationTargetRequest(
            @Schema(description = "A hostname such as edge.example.com.") @Nullable String cname,
            @ArraySchema(maxItems = ApplicationRules.MAX_ADDRESSES) @Nullable List<String> ipv4,
            @ArraySchema(maxItems = ApplicationRules.MAX_ADDRESSES) @Nullable List<String> ipv6) {}

    private final List<ApiProblem.FieldMessage> errors = new ArrayList<>();
    private final Function<String, @Nullable String> webhookProblem;

    /**
     * @param webhookProblem why a webhook URL is refused, or null when it is acceptable
     */
    ApplicationRequests(Function<String, @Nullable String> webhookProblem) {
        this.webhookProblem = webhookProblem;
    }

    Applications.Fields forCreate(ApplicationCreateRequest b) {
        require(b.name(), "name");
        require(b.target(), "target");
        require(b.origin(), "origin");
        return read(b, null);
    }

    Applications.Fields forUpdate(ApplicationUpdateRequest b, Application current) {
        return read(b, current);
    }

    private Applications.Fields read(Fields b, @Nullable Application current) {
        String name = current != null ? current.name() : "";
        if (b.name() != null) {
            String checked = ApplicationRules.name(b.name());
            if (checked == null) {
                errors.add(
                        new ApiProblem.FieldMessage(
                                "name",
                                "must be 1 to " + ApplicationRules.MAX_NAME + " characters"));
            } else {
                name = checked;
            }
        }
        Target target =
                b.target() != null ? target(b.target()) : current != null ? current.target() : null;
        String origin =
                b.origin() != null
                        ? url("origin", b.origin())
                        : current != null ? current.origin() : "";
        List<String> allowed =
                b.allowedOrigins() != null
                        ? origins(b.allowedOrigins())
                        : current != null ? current.allowedOrigins() : List.of();
        String webhook = current != null ? current.webhookUrl() : null;
        if (b.webhookUrl() != null) {
            webhook = b.webhookUrl().isBlank() ? null : webhook(b.webhookUrl().strip());
        }
        Application.Status status = current != null ? current.status() : Application.Status.ACTIVE;
        if (b.status() != null) {
            status = Application.Status.fromWire(b.status()).orElse(status);
            if (Application.Status.fromWire(b.status()).isEmpty()) {
                errors.add(new ApiProblem.FieldMessage("status", "must be active or disabled"));
            }
        }
        if (!errors.isEmpty() || target == null) {
            throw ApiProblem.badRequest(
                    "The request is not valid.",
                    errors.isEmpty()
                            ? List.of(new ApiProblem.FieldMessage("target", "is required"))
                            : errors);
        }
        return new Applications.Fields(name, target, origin, allowed, webhook, status);
    }

    private @Nullable Target target(ApplicationTargetRequest t) {
        String cname = null;
        if (t.cname() != null && !t.cname().isBlank()) {
            cname = Hostnames.quickNormalise(t.cname());
            if (cname == null) {
                errors.add(
                        new ApiProblem.FieldMessage(
                                "target.cname", "must be a hostname such as edge.example.com"));
            }
        }
        List<String> v4 = addresses("target.ipv4", t.ipv4(), true);
        List<String> v6 = addresses("target.ipv6", t.ipv6(), false);
        if (cname == null && v4.isEmpty() && v6.isEmpty()) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            "target", "needs a cname or at least one ipv4 or ipv6 address"));
            return null;
        }
        return new Target(cname, v4, v6);
    }

    private List<String> addresses(String field, @Nullable List<String> raw, boolean v4) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX_ADDRESSES) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            field, "must have at most " + MAX_ADDRESSES + " addresses"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String a : raw) {
            String s = a == null ? "" : a.strip();
            String canonical = ApplicationRules.address(s, v4);
            if (canonical == null) {
                errors.add(
                        new ApiProblem.FieldMessage(
                                field,
                                "\""
                                        + shorten(s)
                                        + "\" is not an "
                                        + (v4 ? "IPv4" : "IPv6")
                                        + " address"));
            } else if (!out.contains(canonical)) {
                out.add(canonical);
            }
        }
        return out;
    }

    private List<String> origins(List<String> raw) {
        if (raw.size() > MAX_ALLOWED_ORIGINS) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            "allowed_origins",
                            "must have at most " + MAX_ALLOWED_ORIGINS + " entries"));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String o : raw) {
            String s = o == null ? "" : o.strip();
            String origin = ApplicationRules.origin(s);
            if (origin == null) {
                errors.add(
                        new ApiProblem.FieldMessage(
                                "allowed_origins",
                                "\""
                                        + shorten(s)
                                        + "\" is not an origin such as https://app.example.com"));
            } else if (!out.contains(origin)) {
                out.add(origin);
            }
        }
        return out;
    }

    private String webhook(String url) {
        String problem = webhookProblem.apply(url);
        if (problem != null) {
            errors.add(new ApiProblem.FieldMessage("webhook_url", problem));
        }
        return url;
    }

    private String url(String field, String raw) {
        if (!ApplicationRules.httpUrl(raw)) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            field,
                            "must be an absolute http(s) URL without credentials,"
                                    + " at most "
                                    + MAX_URL
                                    + " characters"));
        }
        return raw.strip();
    }

    private void require(@Nullable Object value, String field) {
        if (value == null) {
            errors.add(new ApiProblem.FieldMessage(field, "is required"));
        }
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
