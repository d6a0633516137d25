package dev.gatehouse.gateway;

import dev.gatehouse.kernel.config.SettingsReader;

import java.time.Duration;

/**
 * ERP Access's settings ({@code GATEWAY_*}), read with the kernel's before the service starts;
 * every problem is reported with the kernel's.
 *
 * @param defaultRateLimitPerMinute relays a credential set may make per minute when it has no limit
 *     of its own, 1–1,000,000
 * @param tokenTtl the lifetime of a gateway token, 1 minute to 24 hours
 * @param allowPrivateUpstreams whether an upstream's {@code base_url} may resolve to a private,
 *     loopback or link-local address (an ERP on the tenant's own network is the usual case; an
 *     operator hosting many tenants turns it off)
 * @param defaultMaxRequestBytes the request-body limit of an upstream that sets none
 * @param defaultMaxResponseBytes the response-body limit of an upstream that sets none
 */
public record GatewaySettings(
        int defaultRateLimitPerMinute,
        Duration tokenTtl,
        boolean allowPrivateUpstreams,
        long defaultMaxRequestBytes,
        long defaultMaxResponseBytes) {

    /** The documented default of {@code GATEWAY_DEFAULT_RATE_LIMIT_PER_MINUTE}. */
    public static final int DOCUMENTED_RATE_LIMIT_PER_MINUTE = 600;

    /** The range of any per-minute rate limit, a credential set's own included. */
    public static final int RATE_LIMIT_CEILING = 1_000_000;

    /** The longest a gateway token may live. */
    public static final Duration TOKEN_TTL_CEILING = Duration.ofHours(24);

    /** The largest body limit an upstream may set, in either direction: 1 GiB. */
    public static final long BODY_LIMIT_CEILING = 1L << 30;

    private static final int MIB = 1 << 20;

    /** Reads and checks every setting, recording problems in {@code raw}. */
    static GatewaySettings read(SettingsReader raw) {
        return new GatewaySettings(
                raw.integer(
                        "GATEWAY_DEFAULT_RATE_LIMIT_PER_MINUTE",
                        DOCUMENTED_RATE_LIMIT_PER_MINUTE,
                        1,
                        RATE_LIMIT_CEILING),
                raw.duration(
                        "GATEWAY_TOKEN_TTL",
                        Duration.ofHours(1),
                        Duration.ofMinutes(1),
                        TOKEN_TTL_CEILING),
                raw.bool("GATEWAY_ALLOW_PRIVATE_UPSTREAMS", true),
                (long) raw.integer("GATEWAY_DEFAULT_MAX_REQUEST_MB", 16, 1, 1024) * MIB,
                (long) raw.integer("GATEWAY_DEFAULT_MAX_RESPONSE_MB", 64, 1, 1024) * MIB);
    }
}
