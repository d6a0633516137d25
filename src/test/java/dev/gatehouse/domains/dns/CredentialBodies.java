package dev.gatehouse.domains.dns;

import dev.gatehouse.testing.Bind;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Request bodies of {@code POST /v1/dns-credentials} for tests (an object mother). */
public final class CredentialBodies {

    private CredentialBodies() {}

    /** An rfc2136 credential for {@code bind}'s example.com zone. */
    public static Map<String, Object> rfc2136(Bind bind, String name) {
        return Map.of(
                "name",
                name,
                "provider",
                "rfc2136",
                "config",
                Map.of(
                        "server",
                        "127.0.0.1",
                        "port",
                        bind.port(),
                        "zone",
                        "example.com",
                        "tsig_key_name",
                        bind.tsigKeyName(),
                        "tsig_secret",
                        bind.tsigSecretBase64()));
    }

    static Map<String, Object> rfc2136With(Map<String, Object> changes) {
        Map<String, Object> config =
                new HashMap<>(
                        Map.of(
                                "server",
                                "127.0.0.1",
                                "zone",
                                "example.com",
                                "tsig_key_name",
                                "k",
                                "tsig_secret",
                                Base64.getEncoder().encodeToString(new byte[32])));
        config.putAll(changes);
        return Map.of("name", "x", "provider", "rfc2136", "config", config);
    }

    /** A Cloudflare credential; {@code baseUrl} null leaves the default. */
    static Map<String, Object> cloudflare(String name, @Nullable String baseUrl, String token) {
        Map<String, Object> config =
                new HashMap<>(Map.of("api_token", token, "zone_id", "a".repeat(32)));
        if (baseUrl != null) {
            config.put("base_url", baseUrl);
        }
        return Map.of("name", name, "provider", "cloudflare", "config", config);
    }

    public static Object[] flatten(Map<String, Object> m) {
        List<Object> kv = new ArrayList<>();
        m.forEach(
                (k, v) -> {
                    kv.add(k);
                    kv.add(v);
                });
        return kv.toArray();
    }
}
