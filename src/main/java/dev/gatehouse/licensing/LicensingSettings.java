package dev.gatehouse.licensing;

import dev.gatehouse.kernel.config.SettingsReader;
import dev.gatehouse.kernel.config.SettingsSection;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The license client's settings, with the names SageConnect used, read with the kernel's before the
 * service starts. None is required: without them the license is {@code INVALID} ("not configured")
 * and only the sync is blocked.
 *
 * @param apiUrl {@code LICENSE_API_URL}, the license server's base URL; {@code https} in
 *     production, since the key travels in the query string
 * @param hmacSecret {@code HMAC_SECRET}, shared with the license server, at least 16 characters
 * @param licenseKey {@code SAGECONNECT_API_KEY}, this installation's license key, 1–512 printable
 *     characters
 * @param allowPrivateHost {@code LICENSE_ALLOW_PRIVATE_HOST}: whether the server may resolve to a
 *     loopback, private or link-local address (an on-premises license server); false by default
 * @param adminEmail {@code LICENSE_ADMIN_EMAIL}, who hears when the license becomes invalid
 * @param serverEnabled {@code GATEHOUSE_LICENSE_SERVER_ENABLED}: this installation is also a
 *     license server ({@code GET /api/validate}, {@code gatehouse license …}), signing with {@code
 *     HMAC_SECRET}, which it then requires; false by default
 * @param demo whether the installation licenses itself for the SageConnect demo: in development,
 *     with {@code SYNC_DEMO} on (its default there) and no {@code LICENSE_API_URL}, the client asks
 *     this node's own license server on loopback, which is enabled, with an {@code HMAC_SECRET} and
 *     a key derived from the development {@code APP_KEY} when none is set; {@link DemoLicense}
 *     issues that key. Never in production.
 */
public record LicensingSettings(
        Optional<URI> apiUrl,
        @Nullable String hmacSecret,
        @Nullable String licenseKey,
        boolean allowPrivateHost,
        Optional<String> adminEmail,
        boolean serverEnabled,
        boolean demo) {

    /** How {@link dev.gatehouse.erpsync.SyncModule} declares these settings to the kernel. */
    public static final SettingsSection<LicensingSettings> SECTION =
            new SettingsSection<>(LicensingSettings.class, LicensingSettings::read);

    /** The shortest {@code HMAC_SECRET} accepted. */
    public static final int MIN_SECRET_LENGTH = 16;

    /** The longest license key accepted. */
    public static final int MAX_KEY_LENGTH = 512;

    static LicensingSettings read(SettingsReader raw) {
        Optional<URI> url = raw.optional("LICENSE_API_URL").flatMap(u -> url(raw, u));
        @Nullable String secret = raw.optional("HMAC_SECRET").orElse(null);
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            raw.problem(
                    "HMAC_SECRET",
                    "must be at least " + MIN_SECRET_LENGTH + " characters (the license server's)");
            secret = null;
        }
        @Nullable String key = raw.optional("SAGECONNECT_API_KEY").orElse(null);
        if (key != null && !printable(key)) {
            raw.problem(
                    "SAGECONNECT_API_KEY",
                    "must be 1 to " + MAX_KEY_LENGTH + " printable characters without spaces");
            key = null;
        }
        boolean server = raw.bool("GATEHOUSE_LICENSE_SERVER_ENABLED", false);
        if (server && secret == null && raw.optional("HMAC_SECRET").isEmpty()) {
            raw.problem(
                    "HMAC_SECRET",
                    "is required when GATEHOUSE_LICENSE_SERVER_ENABLED=true: the server signs its"
                            + " answers with it");
        }
        boolean allowPrivate = raw.bool("LICENSE_ALLOW_PRIVATE_HOST", false);
        Optional<String> appKey = raw.optional("APP_KEY");
        boolean demo =
                !raw.production()
                        && raw.optional("LICENSE_API_URL").isEmpty()
                        && raw.bool("SYNC_DEMO", true)
                        && appKey.isPresent();
        if (demo) {
            url =
                    Optional.of(
                            URI.create(
                                    "http://127.0.0.1:"
                                            + raw.integer("SERVER_PORT", 8080, 1, 65535)));
            secret = secret != null ? secret : derived("hmac", appKey.get());
            key = key != null ? key : derived("license-key", appKey.get());
            server = true;
            allowPrivate = true;
        }
        return new LicensingSettings(
                url,
                secret,
                key,
                allowPrivate,
                raw.optional("LICENSE_ADMIN_EMAIL").filter(e -> email(raw, e)),
                server,
                demo);
    }

    /**
     * The demo's secret or key named {@code label}: a hash of the development {@code APP_KEY}, so
     * it is secret and the same at every start (the demo license is renewed, not issued again).
     */
    private static String derived(String label, String appKey) {
        try {
            byte[] hash =
                    java.security.MessageDigest.getInstance("SHA-256")
                            .digest(
                                    ("gatehouse/sync-demo/" + label + "\n" + appKey)
                                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "demo-" + label + "-" + java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** True when the client has everything it needs to ask the license server. */
    public boolean configured() {
        return apiUrl.isPresent() && hmacSecret != null && licenseKey != null;
    }

    private static Optional<URI> url(SettingsReader raw, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            raw.problem("LICENSE_API_URL", "is not a URL such as https://license.example.com");
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            raw.problem(
                    "LICENSE_API_URL",
                    "must be an http(s) URL such as https://license.example.com");
            return Optional.empty();
        }
        if (raw.production() && !scheme.equals("https")) {
            raw.problem(
                    "LICENSE_API_URL",
                    "must be https in production: the license key travels in the query string");
            return Optional.empty();
        }
        if (uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            raw.problem("LICENSE_API_URL", "must be a base URL without user, query or fragment");
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    private static boolean email(SettingsReader raw, String value) {
        if (value.length() > 254 || !value.matches("^[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+$")) {
            raw.problem("LICENSE_ADMIN_EMAIL", "must be one e-mail address like admin@example.com");
            return false;
        }
        return true;
    }

    private static boolean printable(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        return key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** Never prints the secret or the key. */
    @Override
    public String toString() {
        return "LicensingSettings[apiUrl="
                + apiUrl.map(URI::toString).orElse("none")
                + ", hmacSecret="
                + (hmacSecret == null ? "none" : "redacted")
                + ", licenseKey="
                + (licenseKey == null ? "none" : "redacted")
                + ", allowPrivateHost="
                + allowPrivateHost
                + ", serverEnabled="
                + serverEnabled
                + "]";
    }
}
