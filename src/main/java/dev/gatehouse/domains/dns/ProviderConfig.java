package dev.gatehouse.domains.dns;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The non-secret settings of a DNS credential: what is stored in {@code config} and shown to the
 * tenant. The secret (TSIG key, API token) is never part of it.
 */
public sealed interface ProviderConfig permits ProviderConfig.Rfc2136, ProviderConfig.Cloudflare {

    String RFC2136 = "rfc2136";
    String CLOUDFLARE = "cloudflare";

    /** {@code rfc2136} or {@code cloudflare}. */
    String provider();

    /** The fields in their wire (snake_case) form. */
    Map<String, Object> wire();

    /**
     * Dynamic update with TSIG to an authoritative server.
     *
     * @param tsigAlgorithm {@code hmac-sha256}, {@code hmac-sha384} or {@code hmac-sha512}
     */
    record Rfc2136(String server, int port, String zone, String tsigKeyName, String tsigAlgorithm)
            implements ProviderConfig {

        @Override
        public String provider() {
            return RFC2136;
        }

        @Override
        public Map<String, Object> wire() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("server", server);
            m.put("port", port);
            m.put("zone", zone);
            m.put("tsig_key_name", tsigKeyName);
            m.put("tsig_algorithm", tsigAlgorithm);
            return m;
        }
    }

    /**
     * Cloudflare's API v4.
     *
     * @param baseUrl {@link #DEFAULT_BASE_URL} in production; another only outside production
     *     (tests)
     */
    record Cloudflare(String zoneId, String baseUrl) implements ProviderConfig {

        public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

        @Override
        public String provider() {
            return CLOUDFLARE;
        }

        @Override
        public Map<String, Object> wire() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("zone_id", zoneId);
            m.put("base_url", baseUrl);
            return m;
        }
    }

    private static <T> T stored(Map<String, Object> m, String key, Class<T> type) {
        Object value = m.get(key);
        if (!type.isInstance(value)) {
            throw new IllegalStateException("a stored DNS credential config has no " + key);
        }
        return type.cast(value);
    }

    /** Reads a stored config back; the stored form was validated when it was written. */
    static ProviderConfig fromStored(String provider, Map<String, Object> m) {
        return switch (provider) {
            case RFC2136 ->
                    new Rfc2136(
                            stored(m, "server", String.class),
                            stored(m, "port", Number.class).intValue(),
                            stored(m, "zone", String.class),
                            stored(m, "tsig_key_name", String.class),
                            stored(m, "tsig_algorithm", String.class));
            case CLOUDFLARE ->
                    new Cloudflare(
                            stored(m, "zone_id", String.class),
                            stored(m, "base_url", String.class));
            default -> throw new IllegalStateException("unknown stored DNS provider " + provider);
        };
    }
}
