package dev.gatehouse.kernel.keys;

import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.Page;
import dev.gatehouse.kernel.web.PageRequest;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /v1/api-keys} and {@code /v1/whoami}. */
@RestController
@RequestMapping("/v1")
class ApiKeysController {

    private final KeyIssuer issuer;
    private final ApiKeys keys;
    private final ScopeCatalog catalog;

    ApiKeysController(KeyIssuer issuer, ApiKeys keys, ScopeCatalog catalog) {
        this.issuer = issuer;
        this.keys = keys;
        this.catalog = catalog;
    }

    @Schema(name = "Whoami")
    record Whoami(@Nullable TenantView tenant, KeySummary key) {}

    @Schema(name = "WhoamiTenant")
    record TenantView(String id, String name) {}

    @Schema(name = "WhoamiKey")
    record KeySummary(String id, String name, List<String> scopes, String last4) {}

    @Schema(name = "ApiKeyCreateRequest")
    record CreateKey(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 200)
                    @Nullable String name,
            @ArraySchema(
                            minItems = 1,
                            maxItems = 32,
                            arraySchema =
                                    @Schema(
                                            requiredMode = Schema.RequiredMode.REQUIRED,
                                            description =
                                                    "Scopes such as apps:read; each must be held"
                                                            + " by the calling key."))
                    @Nullable List<String> scopes,
            @Schema(description = "Within 3650 days; never expires when omitted.")
                    @Nullable OffsetDateTime expiresAt) {}

    @Schema(name = "ApiKey")
    record KeyView(
            String id,
            String name,
            List<String> scopes,
            String last4,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant revokedAt,
            @Nullable Instant lastUsedAt) {

        static KeyView of(StoredKey k) {
            return new KeyView(
                    k.publicId(),
                    k.name(),
                    wire(k.scopes()),
                    k.last4(),
                    k.createdAt(),
                    k.expiresAt(),
                    k.revokedAt(),
                    k.lastUsedAt());
        }
    }

    /** The one response that carries the secret. */
    @Schema(name = "ApiKeyCreated", description = "The new key; its secret is shown once.")
    record CreatedKey(
            String id,
            String name,
            List<String> scopes,
            String last4,
            Instant createdAt,
            @Nullable Instant expiresAt,
            String key) {}

    @GetMapping("/whoami")
    Whoami whoami(Caller caller) {
        Caller.TenantRef t = caller.tenant();
        return new Whoami(
                t == null ? null : new TenantView(t.publicId(), t.name()),
                new KeySummary(
                        caller.keyPublicId(),
                        caller.keyName(),
                        wire(caller.scopes()),
                        caller.last4()));
    }

    @PostMapping("/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedKey create(Caller caller, @RequestBody CreateKey body) {
        caller.tenantWith(Scope.KEYS_ADMIN);
        Set<Scope> scopes = parseScopes(body.scopes());
        if (body.name() == null) {
            throw ApiProblem.badRequest("name", "is required");
        }
        Instant expires = body.expiresAt() == null ? null : body.expiresAt().toInstant();
        return switch (issuer.mint(caller, body.name(), scopes, expires)) {
            case KeyIssuer.Minted.Issued(KeyIssuer.IssuedKey issued) -> {
                StoredKey k = issued.key();
                yield new CreatedKey(
                        k.publicId(),
                        k.name(),
                        wire(k.scopes()),
                        k.last4(),
                        k.createdAt(),
                        k.expiresAt(),
                        issued.secret().reveal());
            }
            case KeyIssuer.Minted.Refused(KeyIssuer.Refusal refusal) -> throw refused(refusal);
        };
    }

    @GetMapping("/api-keys")
    Page<KeyView> list(
            Caller caller,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TenantId tenant = caller.tenantWith(Scope.KEYS_ADMIN);
        PageRequest page = PageRequest.of(limit, cursor);
        long after = page.startAfter(0, id -> keys.find(tenant, id).map(StoredKey::id));
        return page.cut(
                keys.list(tenant, after, page.fetchSize()), StoredKey::publicId, KeyView::of);
    }

    @GetMapping("/api-keys/{id}")
    KeyView get(Caller caller, @PathVariable String id) {
        TenantId tenant = caller.tenantWith(Scope.KEYS_ADMIN);
        return find(tenant, id).map(KeyView::of).orElseThrow(ApiKeysController::noSuchKey);
    }

    @DeleteMapping("/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Caller caller, @PathVariable String id) {
        TenantId tenant = caller.tenantWith(Scope.KEYS_ADMIN);
        if (!PublicIds.looksLike("key", id)
                || issuer.revoke(tenant, id, KeyIssuer.actorOf(caller)).isEmpty()) {
            throw noSuchKey();
        }
    }

    private Optional<StoredKey> find(TenantId tenant, String id) {
        return PublicIds.looksLike("key", id) ? keys.find(tenant, id) : Optional.empty();
    }

    private static ApiProblem noSuchKey() {
        return ApiProblem.notFound("No such API key.");
    }

    private Set<Scope> parseScopes(@Nullable List<String> names) {
        if (names == null) {
            throw ApiProblem.badRequest("scopes", "is required");
        }
        if (names.size() > 32) {
            throw ApiProblem.badRequest("scopes", "must have at most 32 entries");
        }
        Set<Scope> scopes = new java.util.TreeSet<>();
        List<ApiProblem.FieldMessage> errors = new ArrayList<>();
        for (String n : names) {
            catalog.find(n == null ? "" : n)
                    .ifPresentOrElse(
                            scopes::add,
                            () ->
                                    errors.add(
                                            new ApiProblem.FieldMessage(
                                                    "scopes",
                                                    "unknown scope \"" + shorten(n) + "\"")));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest("The request is not valid.", errors);
        }
        return scopes;
    }

    private static ApiProblem refused(KeyIssuer.Refusal refusal) {
        return switch (refusal) {
            case KeyIssuer.Refusal.MissingScope(Scope s) ->
                    ApiProblem.forbidden("This key lacks the " + s.wire() + " scope.");
            case KeyIssuer.Refusal.Escalation(Set<Scope> notHeld) ->
                    ApiProblem.forbidden(
                            "A key cannot grant scopes it does not hold: "
                                    + String.join(", ", wire(notHeld))
                                    + ".");
            case KeyIssuer.Refusal.Invalid(String field, String message) ->
                    ApiProblem.badRequest(field, message);
        };
    }

    static List<String> wire(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wire).toList();
    }

    private static String shorten(@Nullable String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
