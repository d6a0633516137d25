package dev.gatehouse.domains.dns;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Builds the {@link DnsProvider} for a credential's config and opened secret. One HTTP client for
 * every Cloudflare call: connect timeout, HTTP/1.1, redirects never followed.
 */
class DnsProviders {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
    private final boolean production;

    DnsProviders(boolean production) {
        this.production = production;
    }

    /**
     * @param secret the opened secret (raw TSIG key, or the API token's bytes); copied, so the
     *     caller may zero it
     */
    DnsProvider forCredential(ProviderConfig config, byte[] secret) {
        return switch (config) {
            case ProviderConfig.Rfc2136 r -> new Rfc2136Provider(r, secret, TIMEOUT, production);
            case ProviderConfig.Cloudflare c -> {
                if (CredentialRequests.baseUrlProblem(c.baseUrl(), production) != null) {
                    // Stored outside production, read in production: never call a non-default base
                    // URL.
                    yield records -> new DnsProvider.Failed("base_url not allowed in production");
                }
                yield new CloudflareProvider(
                        http, c, new String(secret, StandardCharsets.US_ASCII), TIMEOUT);
            }
        };
    }
}
