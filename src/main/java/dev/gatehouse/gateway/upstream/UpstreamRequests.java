package dev.gatehouse.gateway.upstream;

import dev.gatehouse.gateway.GatewaySettings;
import dev.gatehouse.kernel.web.ApiProblem.FieldMessage;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a {@code PUT /v1/gateway/upstream} body, reporting every problem at once; a secret is
 * never echoed in a message.
 *
 * <p>{@code base_url}: absolute, at most 2048 characters, {@code https} (plain {@code http} only
 * outside production), a host, no user information, no query, no fragment, no {@code .} or {@code
 * ..} segments; a trailing slash is dropped. When private upstreams are not allowed, the host may
 * not be {@code localhost}, a private literal, or a name that resolves to a private address now
 * (the relay checks the resolved addresses again at every connect).
 *
 * <p>Secrets: a PUT that keeps the stored auth type may omit its secrets, which are then kept; a
 * PUT that changes the type must give them. An empty {@code api_key} removes the stored one.
 */
public final class UpstreamRequests {

    static final int MAX_URL = 2048;
    static final int DEFAULT_TIMEOUT_MS = 30_000;
    static final int MIN_TIMEOUT_MS = 100;
    static final int MAX_TIMEOUT_MS = 300_000;
    static final int MAX_SECRET = 4096;
    static final int MAX_TEMPLATE = 8192;
    static final int DEFAULT_TTL_SECONDS = 1800;
    static final int MIN_TTL_SECONDS = 60;
    static final int MAX_TTL_SECONDS = 86_400;

    private static final Pattern TOKEN = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$");
    private static final Pattern HEADER_TEXT = Pattern.compile("^[\\x20-\\x7e\\t]*$");
    private static final Pattern PATH =
            Pattern.compile("^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,1023}$");
    private static final Set<String> RESERVED_HEADERS =
            Set.of(
                    "host",
                    "content-length",
                    "content-type",
                    "transfer-encoding",
                    "connection",
                    "keep-alive",
                    "te",
                    "trailer",
                    "upgrade",
                    "expect",
                    "forwarded",
                    "x-forwarded-for",
                    "x-forwarded-host",
                    "x-forwarded-proto",
                    "x-request-id");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Resolves a host name; {@link InetAddress#getAllByName} in production, a fake in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    @Schema(name = "GatewayUpstreamRequest")
    public record UpstreamBody(
            @Schema(
                            requiredMode = Schema.RequiredMode.REQUIRED,
                            description =
                                    "The ERP API's base URL; https in production. Relayed paths"
                                            + " are appended to it.")
                    @Nullable String baseUrl,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable AuthBody auth,
            @Schema(
                            description = "Connect timeout and longest wait for upstream bytes.",
                            minimum = "100",
                            maximum = "300000",
                            defaultValue = "30000")
                    @Nullable Integer timeoutMs,
            @Schema(
                            description =
                                    "Largest request body relayed; default"
                                            + " GATEWAY_DEFAULT_MAX_REQUEST_MB.",
                            minimum = "0",
                            maximum = "1073741824")
                    @Nullable Long maxRequestBytes,
            @Schema(
                            description =
                                    "Largest response body relayed; default"
                                            + " GATEWAY_DEFAULT_MAX_RESPONSE_MB.",
                            minimum = "0",
                            maximum = "1073741824")
                    @Nullable Long maxResponseBytes) {}

    @Schema(
            name = "GatewayUpstreamAuthRequest",
            description =
                    "none: no field. basic: username, password. header: name, value. session:"
                            + " login_path, body_template, username, password, api_key?,"
                            + " token_pointer, token_header, token_prefix?, ttl_seconds?. Secrets"
                            + " (password, value, api_key) are write-only; omitted, the stored ones"
                            + " of the same type are kept; an empty api_key removes it.")
    public record AuthBody(
            @Schema(
                            requiredMode = Schema.RequiredMode.REQUIRED,
                            allowableValues = {"none", "basic", "header", "session"})
                    @Nullable String type,
            @Nullable String username,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY) @Nullable String password,
            @Schema(description = "header: the header's name.") @Nullable String name,
            @Schema(
                            accessMode = Schema.AccessMode.WRITE_ONLY,
                            description = "header: the header's value.")
                    @Nullable String value,
            @Nullable String loginPath,
            @Schema(
                            description =
                                    "session: JSON text; {username}, {password} and {api_key}"
                                            + " inside string values are replaced.")
                    @Nullable String bodyTemplate,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY) @Nullable String apiKey,
            @Schema(description = "session: JSON pointer to the token, e.g. /SessionId.")
                    @Nullable String tokenPointer,
            @Nullable String tokenHeader,
            @Nullable String tokenPrefix,
            @Schema(minimum = "60", maximum = "86400", defaultValue = "1800")
                    @Nullable Integer ttlSeconds) {}

    /** The outcome of {@link #check}. */
    sealed interface Checked permits Valid, Invalid {}

    /**
     * A valid body. {@code given} holds only the secrets the body carried; {@code removeApiKey} is
     * true when it asked to remove the stored {@code api_key}.
     */
    record Valid(
            String baseUrl,
            UpstreamAuth auth,
            UpstreamSecrets given,
            boolean removeApiKey,
            int timeoutMs,
            long maxRequestBytes,
            long maxResponseBytes)
            implements Checked {}

    record Invalid(List<FieldMessage> errors) implements Checked {
        Invalid {
            errors = List.copyOf(errors);
        }
    }

    private final GatewaySettings settings;
    private final boolean production;
    private final Resolver resolver;

    UpstreamRequests(GatewaySettings settings, boolean production, Resolver resolver) {
        this.settings = settings;
        this.production = production;
        this.resolver = resolver;
    }

    /**
     * @param storedSecrets the names of the secrets stored for {@code storedType}
     * @param storedType the auth type stored now, or null when the tenant has no upstream
     */
    Checked check(
            @Nullable UpstreamBody body, @Nullable String storedType, List<String> storedSecrets) {
        List<FieldMessage> errors = new ArrayList<>();
        if (body == null) {
            return new Invalid(List.of(new FieldMessage("body", "is required")));
        }
        String baseUrl = baseUrl(body.baseUrl(), errors);
        int timeout =
                (int)
                        range(
                                body.timeoutMs(),
                                DEFAULT_TIMEOUT_MS,
                                MIN_TIMEOUT_MS,
                                MAX_TIMEOUT_MS,
                                "timeout_ms",
                                errors);
        long maxRequest =
                range(
                        body.maxRequestBytes(),
                        settings.defaultMaxRequestBytes(),
                        0,
                        GatewaySettings.BODY_LIMIT_CEILING,
                        "max_request_bytes",
                        errors);
        long maxResponse =
                range(
                        body.maxResponseBytes(),
                        settings.defaultMaxResponseBytes(),
                        0,
                        GatewaySettings.BODY_LIMIT_CEILING,
                        "max_response_bytes",
                        errors);
        AuthBody a = body.auth();
        if (a == null) {
            errors.add(new FieldMessage("auth", "is required"));
            return new Invalid(errors);
        }
        List<String> kept =
                a.type() != null && a.type().equals(storedType) ? storedSecrets : List.of();
        Auth auth = new Auth(a, kept, errors);
        UpstreamAuth parsed = auth.parse();
        if (!errors.isEmpty() || baseUrl == null || parsed == null) {
            return new Invalid(errors);
        }
        return new Valid(
                baseUrl,
                parsed,
                new UpstreamSecrets(
                        a.password(),
                        a.value(),
                        a.apiKey() == null || a.apiKey().isEmpty() ? null : a.apiKey()),
                a.apiKey() != null && a.apiKey().isEmpty(),
                timeout,
                maxRequest,
                maxResponse);
    }

    private @Nullable String baseUrl(@Nullable String url, List<FieldMessage> errors) {
        if (url == null) {
            errors.add(new FieldMessage("base_url", "is required"));
            return null;
        }
        String problem = baseUrlProblem(url);
        if (problem != null) {
            errors.add(new FieldMessage("base_url", problem));
            return null;
        }
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        URI uri = URI.create(u);
        return uri.getScheme().toLowerCase(Locale.ROOT) + u.substring(uri.getScheme().length());
    }

    private @Nullable String baseUrlProblem(String url) {
        if (url.isEmpty() || url.length() > MAX_URL) {
            return "must be 1 to " + MAX_URL + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be a valid absolute URL";
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getScheme() == null) {
            return "must be a valid absolute URL";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(!production && scheme.equals("http"))) {
            return production ? "must use https" : "must use https or http";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain user information";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "must have a host";
        }
        if (uri.getRawQuery() != null || url.contains("?")) {
            return "must not have a query";
        }
        if (uri.getRawFragment() != null || url.contains("#")) {
            return "must not have a fragment";
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !PATH.matcher(path).matches()) {
            return "must have a plain path";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "must not have . or .. segments";
            }
        }
        if (path.contains("//")) {
            return "must not have empty path segments";
        }
        if (!settings.allowPrivateUpstreams() && privateTarget(uri.getHost())) {
            return "must not point at a private, loopback or link-local address";
        }
        return null;
    }

    private boolean privateTarget(String host) {
        if (PrivateAddresses.privateName(host)) {
            return true;
        }
        try {
            for (InetAddress a : resolver.resolve(PrivateAddresses.bare(host))) {
                if (PrivateAddresses.restricted(a)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException notResolvedNow) {
            return false;
        }
    }

    private static long range(
            @Nullable Number value,
            long fallback,
            long min,
            long max,
            String field,
            List<FieldMessage> errors) {
        long v = value == null ? fallback : value.longValue();
        if (v < min || v > max) {
            errors.add(new FieldMessage(field, "must be between " + min + " and " + max));
        }
        return v;
    }

    /** Validates the {@code auth} object of one body. */
    private static final class Auth {

        private final AuthBody a;
        private final List<String> kept;
        private final List<FieldMessage> errors;

        Auth(AuthBody a, List<String> kept, List<FieldMessage> errors) {
            this.a = a;
            this.kept = kept;
            this.errors = errors;
        }

        @Nullable UpstreamAuth parse() {
            String type = a.type();
            if (type == null) {
                errors.add(new FieldMessage("auth.type", "is required"));
                return null;
            }
            return switch (type) {
                case UpstreamAuth.NONE -> {
                    only();
                    yield new UpstreamAuth.None();
                }
                case UpstreamAuth.BASIC -> basic();
                case UpstreamAuth.HEADER -> header();
                case UpstreamAuth.SESSION -> session();
                default -> {
                    errors.add(
                            new FieldMessage(
                                    "auth.type", "must be none, basic, header or session"));
                    yield null;
                }
            };
        }

        private UpstreamAuth.@Nullable Basic basic() {
            only("username", "password");
            String username = text("username", a.username(), 256);
            if (username != null && username.contains(":")) {
                error("username", "must not contain ':'");
            }
            secret("password", a.password(), UpstreamSecrets.PASSWORD);
            return username == null ? null : new UpstreamAuth.Basic(username);
        }

        private UpstreamAuth.@Nullable Header header() {
            only("name", "value");
            String name = headerName("name", a.name());
            secret("value", a.value(), UpstreamSecrets.VALUE);
            if (a.value() != null && !HEADER_TEXT.matcher(a.value()).matches()) {
                error("value", "must be printable ASCII");
            }
            return name == null ? null : new UpstreamAuth.Header(name);
        }

        private UpstreamAuth.@Nullable Session session() {
            only(
                    "login_path",
                    "body_template",
                    "username",
                    "password",
                    "api_key",
                    "token_pointer",
                    "token_header",
                    "token_prefix",
                    "ttl_seconds");
            String loginPath = text("login_path", a.loginPath(), 1024);
            if (loginPath != null
                    && (!PATH.matcher(loginPath).matches()
                            || loginPath.contains("/../")
                            || loginPath.endsWith("/..")
                            || loginPath.contains("//"))) {
                error("login_path", "must be a plain path starting with /");
            }
            String template = text("body_template", a.bodyTemplate(), MAX_TEMPLATE);
            if (template != null) {
                template(template);
            }
            String username = text("username", a.username(), 256);
            secret("password", a.password(), UpstreamSecrets.PASSWORD);
            if (a.apiKey() != null && a.apiKey().length() > MAX_SECRET) {
                error("api_key", "must be at most " + MAX_SECRET + " characters");
            }
            String pointer = text("token_pointer", a.tokenPointer(), 256);
            if (pointer != null && !validPointer(pointer)) {
                error("token_pointer", "must be a JSON pointer such as /SessionId");
            }
            String header = headerName("token_header", a.tokenHeader());
            String prefix = a.tokenPrefix() == null ? "" : a.tokenPrefix();
            if (prefix.length() > 64 || !HEADER_TEXT.matcher(prefix).matches()) {
                error("token_prefix", "must be at most 64 printable ASCII characters");
            }
            int ttl = a.ttlSeconds() == null ? DEFAULT_TTL_SECONDS : a.ttlSeconds();
            if (ttl < MIN_TTL_SECONDS || ttl > MAX_TTL_SECONDS) {
                error("ttl_seconds", "must be between 60 and 86400");
            }
            if (loginPath == null
                    || template == null
                    || username == null
                    || pointer == null
                    || header == null) {
                return null;
            }
            return new UpstreamAuth.Session(
                    loginPath, template, username, pointer, header, prefix, ttl);
        }

        private void template(String template) {
            try {
                JSON.readTree(template);
            } catch (JacksonException e) {
                error("body_template", "must be valid JSON");
                return;
            }
            boolean apiKeyGiven =
                    (a.apiKey() != null && !a.apiKey().isEmpty())
                            || (a.apiKey() == null && kept.contains(UpstreamSecrets.API_KEY));
            if (template.contains(LoginBodies.API_KEY) && !apiKeyGiven) {
                error("body_template", "uses {api_key}, so api_key is required");
            }
        }

        private static boolean validPointer(String pointer) {
            if (!pointer.startsWith("/")) {
                return false;
            }
            try {
                JsonPointer.compile(pointer);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private @Nullable String headerName(String field, @Nullable String name) {
            String n = text(field, name, 100);
            if (n == null) {
                return null;
            }
            String lower = n.toLowerCase(Locale.ROOT);
            if (!TOKEN.matcher(n).matches()) {
                error(field, "must be an HTTP header name");
                return null;
            }
            if (RESERVED_HEADERS.contains(lower) || lower.startsWith("proxy-")) {
                error(field, "must not be a header the gateway sets or strips");
                return null;
            }
            return n;
        }

        private void secret(String field, @Nullable String value, String name) {
            if (value == null) {
                if (!kept.contains(name)) {
                    error(field, "is required");
                }
            } else if (value.isEmpty() || value.length() > MAX_SECRET) {
                error(field, "must be 1 to " + MAX_SECRET + " characters");
            } else if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                error(field, "must not contain control characters");
            }
        }

        private @Nullable String text(String field, @Nullable String value, int max) {
            if (value == null || value.isBlank()) {
                error(field, "is required");
                return null;
            }
            if (value.length() > max) {
                error(field, "must be at most " + max + " characters");
                return null;
            }
            if (!field.equals("body_template") && value.chars().anyMatch(c -> c < 0x20)) {
                error(field, "must not contain control characters");
                return null;
            }
            return value;
        }

        /** Refuses every field the type does not take. */
        private void only(String... allowed) {
            Set<String> ok = Set.of(allowed);
            check(ok, "username", a.username());
            check(ok, "password", a.password());
            check(ok, "name", a.name());
            check(ok, "value", a.value());
            check(ok, "login_path", a.loginPath());
            check(ok, "body_template", a.bodyTemplate());
            check(ok, "api_key", a.apiKey());
            check(ok, "token_pointer", a.tokenPointer());
            check(ok, "token_header", a.tokenHeader());
            check(ok, "token_prefix", a.tokenPrefix());
            check(ok, "ttl_seconds", a.ttlSeconds());
        }

        private void check(Set<String> ok, String field, @Nullable Object value) {
            if (value != null && !ok.contains(field)) {
                error(field, "is not allowed for auth type " + a.type());
            }
        }

        private void error(String field, String message) {
            errors.add(new FieldMessage("auth." + field, message));
        }
    }
}
