package dev.gatehouse.domains.dns;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;

import dev.gatehouse.kernel.web.ApiProblem.FieldMessage;
import dev.gatehouse.kernel.web.RestrictedAddresses;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates a {@code POST /v1/dns-credentials} body, reporting every problem at once. The secret
 * field ({@code tsig_secret}, {@code api_token}) is split off from the config here and never echoed
 * in a message.
 *
 * <p>Outside production the Cloudflare {@code base_url} may point anywhere over http(s) (tests use
 * a local fake); in production only {@link ProviderConfig.Cloudflare#DEFAULT_BASE_URL} is accepted,
 * and an rfc2136 {@code server} must not be a loopback, private or link-local address, so a tenant
 * cannot aim the service at internal hosts.
 */
final class CredentialRequests {

    static final Set<String> ALGORITHMS = Set.of("hmac-sha256", "hmac-sha384", "hmac-sha512");
    private static final Set<String> RFC2136_FIELDS =
            Set.of("server", "port", "zone", "tsig_key_name", "tsig_algorithm", "tsig_secret");
    private static final Set<String> CLOUDFLARE_FIELDS = Set.of("api_token", "zone_id", "base_url");

    private CredentialRequests() {}

    /** The outcome of {@link #check}. */
    sealed interface Checked permits Valid, Invalid {}

    /**
     * A valid request; {@code secret} is the raw TSIG key or the API token's bytes (the caller
     * zeroes it).
     */
    record Valid(String name, ProviderConfig config, byte[] secret) implements Checked {}

    record Invalid(List<FieldMessage> errors) implements Checked {}

    static Checked check(
            @Nullable String name,
            @Nullable String provider,
            @Nullable Map<String, ?> config,
            boolean production) {
        List<FieldMessage> errors = new ArrayList<>();
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            errors.add(new FieldMessage("name", "must be 1 to 200 characters"));
        }
        if (config == null) {
            errors.add(new FieldMessage("config", "is required"));
        }
        Fields f = new Fields(config == null ? Map.of() : config, errors);
        ProviderConfig pc = null;
        byte[] secret = null;
        if (provider == null) {
            errors.add(new FieldMessage("provider", "is required"));
        } else if (provider.equals(ProviderConfig.RFC2136)) {
            f.onlyKnown(RFC2136_FIELDS, provider);
            pc = rfc2136(f, production);
            secret = f.base64Key("tsig_secret");
        } else if (provider.equals(ProviderConfig.CLOUDFLARE)) {
            f.onlyKnown(CLOUDFLARE_FIELDS, provider);
            pc = cloudflare(f, production);
            String token = f.text("api_token", true, 512);
            if (token != null && !token.matches("^[\\x21-\\x7e]+$")) {
                errors.add(
                        new FieldMessage(
                                "config.api_token", "must be printable ASCII without spaces"));
            }
            secret = token == null ? null : token.getBytes(StandardCharsets.US_ASCII);
        } else {
            errors.add(new FieldMessage("provider", "must be rfc2136 or cloudflare"));
        }
        if (!errors.isEmpty() || pc == null || secret == null) {
            return new Invalid(errors);
        }
        return new Valid(n, pc, secret);
    }

    private static ProviderConfig.@Nullable Rfc2136 rfc2136(Fields f, boolean production) {
        String server = f.text("server", true, 253);
        if (server != null) {
            String problem = serverProblem(server, production);
            if (problem != null) {
                f.error("server", problem);
            }
        }
        int port = f.port("port");
        String zone = f.domain("zone");
        String keyName = f.text("tsig_key_name", true, 253);
        if (keyName != null && !keyName.matches("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?$")) {
            f.error("tsig_key_name", "must be a DNS name such as gatehouse-key");
        }
        String algorithm = f.text("tsig_algorithm", false, 32);
        algorithm = algorithm == null ? "hmac-sha256" : algorithm.toLowerCase(Locale.ROOT);
        if (!ALGORITHMS.contains(algorithm)) {
            f.error("tsig_algorithm", "must be hmac-sha256, hmac-sha384 or hmac-sha512");
        }
        if (server == null || zone == null || keyName == null || port < 0) {
            return null;
        }
        return new ProviderConfig.Rfc2136(
                server.toLowerCase(Locale.ROOT), port, zone, keyName, algorithm);
    }

    private static ProviderConfig.@Nullable Cloudflare cloudflare(Fields f, boolean production) {
        String zoneId = f.text("zone_id", true, 32);
        if (zoneId != null && !zoneId.matches("^[0-9a-fA-F]{32}$")) {
            f.error("zone_id", "must be the zone's 32-character hexadecimal id");
        }
        String baseUrl = f.text("base_url", false, 2048);
        String effective =
                baseUrl == null ? ProviderConfig.Cloudflare.DEFAULT_BASE_URL : stripSlash(baseUrl);
        String problem = baseUrlProblem(effective, production);
        if (problem != null) {
            f.error("base_url", problem);
        }
        return zoneId == null
                ? null
                : new ProviderConfig.Cloudflare(zoneId.toLowerCase(Locale.ROOT), effective);
    }

    /** Why {@code baseUrl} is refused, or null: production accepts only Cloudflare's own API. */
    static @Nullable String baseUrlProblem(String baseUrl, boolean production) {
        if (production) {
            return baseUrl.equals(ProviderConfig.Cloudflare.DEFAULT_BASE_URL)
                    ? null
                    : "can only be "
                            + ProviderConfig.Cloudflare.DEFAULT_BASE_URL
                            + " in production";
        }
        try {
            URI u = new URI(baseUrl);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            boolean ok =
                    (scheme.equals("https") || scheme.equals("http"))
                            && u.getHost() != null
                            && u.getRawUserInfo() == null
                            && u.getRawQuery() == null
                            && u.getRawFragment() == null;
            return ok
                    ? null
                    : "must be an absolute http(s) URL without credentials, query or fragment";
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
    }

    /**
     * Why {@code server} is refused, or null: a hostname or an address; in production not an
     * internal address.
     */
    static @Nullable String serverProblem(String server, boolean production) {
        if (InetAddresses.isInetAddress(server)) {
            return production && RestrictedAddresses.restricted(InetAddresses.forString(server))
                    ? "must not be a loopback, private or link-local address in production"
                    : null;
        }
        return InternetDomainName.isValid(server) ? null : "must be a hostname or an IP address";
    }

    private static String stripSlash(String url) {
        String s = url.strip();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Reads typed fields out of the free-form config map, collecting errors as {@code
     * config.<field>}.
     */
    private record Fields(Map<String, ?> config, List<FieldMessage> errors) {

        void error(String field, String message) {
            errors.add(new FieldMessage("config." + field, message));
        }

        void onlyKnown(Set<String> known, String provider) {
            config.keySet().stream()
                    .filter(k -> !known.contains(k))
                    .sorted()
                    .forEach(
                            k ->
                                    error(
                                            k.length() > 40 ? k.substring(0, 40) : k,
                                            "is not a field of " + provider));
        }

        @Nullable String text(String field, boolean required, int max) {
            Object v = config.get(field);
            if (v == null) {
                if (required) {
                    error(field, "is required");
                }
                return null;
            }
            if (!(v instanceof String s) || s.isBlank() || s.strip().length() > max) {
                error(field, "must be text of 1 to " + max + " characters");
                return null;
            }
            return s.strip();
        }

        int port(String field) {
            Object v = config.get(field);
            if (v == null) {
                return 53;
            }
            if (v instanceof Integer p && p >= 1 && p <= 65535) {
                return p;
            }
            error(field, "must be a whole number between 1 and 65535");
            return -1;
        }

        @Nullable String domain(String field) {
            String v = text(field, true, 253);
            if (v == null) {
                return null;
            }
            String d = v.toLowerCase(Locale.ROOT);
            d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
            if (!InternetDomainName.isValid(d) || !d.contains(".")) {
                error(field, "must be a domain name such as example.com");
                return null;
            }
            return d;
        }

        byte @Nullable [] base64Key(String field) {
            String v = text(field, true, 1024);
            if (v == null) {
                return null;
            }
            try {
                byte[] key = Base64.getDecoder().decode(v);
                if (key.length >= 16 && key.length <= 512) {
                    return key;
                }
            } catch (IllegalArgumentException notBase64) {
                // reported below, without echoing the value
            }
            error(field, "must be base64 of a 16 to 512 byte key");
            return null;
        }
    }
}
