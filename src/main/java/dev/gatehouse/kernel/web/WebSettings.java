package dev.gatehouse.kernel.web;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the public listener's HTTP hygiene, filled by the application from environment
 * variables (names in brackets). Every number is range-checked here so a bad value fails at startup
 * with a message naming the setting.
 *
 * @param maxBodyBytes request body limit [{@code MAX_BODY_BYTES}], 1024–104857600, default 1 MiB
 * @param maxHeaderBytes request header limit, 4096–65536, default 16 KiB; set Tomcat's {@code
 *     server.max-http-request-header-size} from it
 * @param maxJsonDepth JSON nesting depth limit, 8–256, default 32
 * @param trustedProxies IPs or CIDRs whose {@code X-Forwarded-For} is believed [{@code
 *     TRUSTED_PROXIES}]
 * @param corsAllowedOrigins origins allowed to call {@code /v1/}; empty reflects any origin [{@code
 *     CORS_ALLOWED_ORIGINS}]
 * @param production sends HSTS when true
 * @param rateLimitIpPerMinute per-IP limit on unauthenticated requests [{@code
 *     RATE_LIMIT_IP_PER_MINUTE}], 1–1000000, default 120
 * @param rateLimitKeyPerMinute per-API-key limit [{@code RATE_LIMIT_KEY_PER_MINUTE}], 1–1000000,
 *     default 1200
 * @param rateLimitBackend where buckets live: {@code POSTGRES} (shared by every node) or {@code
 *     MEMORY}
 */
public record WebSettings(
        long maxBodyBytes,
        int maxHeaderBytes,
        int maxJsonDepth,
        List<String> trustedProxies,
        List<String> corsAllowedOrigins,
        boolean production,
        int rateLimitIpPerMinute,
        int rateLimitKeyPerMinute,
        RateLimitBackend rateLimitBackend) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16_384;
    public static final int DEFAULT_MAX_JSON_DEPTH = 32;
    public static final int DEFAULT_RATE_LIMIT_IP_PER_MINUTE = 120;
    public static final int DEFAULT_RATE_LIMIT_KEY_PER_MINUTE = 1200;

    /** Where rate-limit buckets are kept. */
    public enum RateLimitBackend {
        POSTGRES,
        MEMORY
    }

    public WebSettings {
        checkRange("max_body_bytes", maxBodyBytes, 1024, 104_857_600);
        checkRange("max_header_bytes", maxHeaderBytes, 4096, 65_536);
        checkRange("max_json_depth", maxJsonDepth, 8, 256);
        checkRange("rate_limit_ip_per_minute", rateLimitIpPerMinute, 1, 1_000_000);
        checkRange("rate_limit_key_per_minute", rateLimitKeyPerMinute, 1, 1_000_000);
        trustedProxies = List.copyOf(Objects.requireNonNull(trustedProxies, "trusted_proxies"));
        corsAllowedOrigins =
                List.copyOf(Objects.requireNonNull(corsAllowedOrigins, "cors_allowed_origins"));
        corsAllowedOrigins.forEach(WebSettings::checkOrigin);
        Objects.requireNonNull(rateLimitBackend, "rate_limit_backend");
        new ClientIp(trustedProxies);
    }

    /**
     * The documented defaults: development mode, no trusted proxies, origins reflected, shared
     * buckets.
     */
    public static WebSettings defaults() {
        return new WebSettings(
                DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_HEADER_BYTES,
                DEFAULT_MAX_JSON_DEPTH,
                List.of(),
                List.of(),
                false,
                DEFAULT_RATE_LIMIT_IP_PER_MINUTE,
                DEFAULT_RATE_LIMIT_KEY_PER_MINUTE,
                RateLimitBackend.POSTGRES);
    }

    public WebSettings withMaxBodyBytes(long value) {
        return new WebSettings(
                value,
                maxHeaderBytes,
                maxJsonDepth,
                trustedProxies,
                corsAllowedOrigins,
                production,
                rateLimitIpPerMinute,
                rateLimitKeyPerMinute,
                rateLimitBackend);
    }

    public WebSettings withCorsAllowedOrigins(List<String> value) {
        return new WebSettings(
                maxBodyBytes,
                maxHeaderBytes,
                maxJsonDepth,
                trustedProxies,
                value,
                production,
                rateLimitIpPerMinute,
                rateLimitKeyPerMinute,
                rateLimitBackend);
    }

    public WebSettings withProduction(boolean value) {
        return new WebSettings(
                maxBodyBytes,
                maxHeaderBytes,
                maxJsonDepth,
                trustedProxies,
                corsAllowedOrigins,
                value,
                rateLimitIpPerMinute,
                rateLimitKeyPerMinute,
                rateLimitBackend);
    }

    public WebSettings withRateLimits(int ipPerMinute, int keyPerMinute, RateLimitBackend backend) {
        return new WebSettings(
                maxBodyBytes,
                maxHeaderBytes,
                maxJsonDepth,
                trustedProxies,
                corsAllowedOrigins,
                production,
                ipPerMinute,
                keyPerMinute,
                backend);
    }

    public WebSettings withTrustedProxies(List<String> value) {
        return new WebSettings(
                maxBodyBytes,
                maxHeaderBytes,
                maxJsonDepth,
                value,
                corsAllowedOrigins,
                production,
                rateLimitIpPerMinute,
                rateLimitKeyPerMinute,
                rateLimitBackend);
    }

    private static void checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void checkOrigin(String origin) {
        if (!isHttpOrigin(origin)) {
            throw new IllegalArgumentException(
                    "cors_allowed_origins entries must look like https://host[:port] "
                            + "without path, was '"
                            + origin
                            + "'");
        }
    }

    /** Parses a comma-separated environment value into a list, ignoring blanks. */
    public static List<String> parseList(String value) {
        return java.util.Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    static boolean isHttpOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
