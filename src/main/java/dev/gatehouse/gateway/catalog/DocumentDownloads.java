package dev.gatehouse.gateway.catalog;

import dev.gatehouse.kernel.config.Settings;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches an OpenAPI document by URL for an import, in development only (a production node refuses:
 * there the document is sent as text, so the server never fetches a URL a tenant chose). Rules: an
 * absolute {@code http} or {@code https} URL of at most {@value #MAX_URL} characters without user
 * information; one GET, redirects not followed, {@value #TIMEOUT_SECONDS} s to connect and to
 * answer; only a 200 answer is read, and at most {@link OpenApiDocuments#MAX_DOCUMENT_BYTES} bytes
 * of it. Failures are described without the server's own text. Thread-safe.
 */
@Component
class DocumentDownloads {

    static final int MAX_URL = 2048;
    static final int TIMEOUT_SECONDS = 10;

    private final boolean production;
    private final HttpClient client =
            HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                    .build();

    @Autowired
    DocumentDownloads(Settings settings) {
        this(settings.production());
    }

    DocumentDownloads(boolean production) {
        this.production = production;
    }

    /** What fetching gave. */
    sealed interface Download permits Downloaded, NotAllowed, Unavailable {}

    record Downloaded(String text) implements Download {}

    /** The URL may not be fetched here (production, or not an acceptable URL). */
    record NotAllowed(String detail) implements Download {}

    /** The URL was tried and gave no document. */
    record Unavailable(String code, String detail) implements Download {}

    Download fetch(String url) {
        if (production) {
            return new NotAllowed(
                    "Importing by URL is available in development only; send the document as"
                            + " text in openapi.");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return notAnAcceptableUrl();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (url.length() > MAX_URL
                || !(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            return notAnAcceptableUrl();
        }
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                        .header("Accept", "application/json, application/yaml, text/yaml, */*")
                        .GET()
                        .build();
        try {
            HttpResponse<InputStream> response =
                    client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return new Unavailable(
                            "document_unavailable",
                            "The URL answered HTTP " + response.statusCode() + ", not 200.");
                }
                byte[] bytes = body.readNBytes(OpenApiDocuments.MAX_DOCUMENT_BYTES + 1);
                if (bytes.length > OpenApiDocuments.MAX_DOCUMENT_BYTES) {
                    return new Unavailable(
                            "document_too_large", "The document at the URL is larger than 5 MiB.");
                }
                return new Downloaded(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (HttpTimeoutException e) {
            return new Unavailable("document_unavailable", "The URL did not answer in time.");
        } catch (IOException e) {
            return new Unavailable("document_unavailable", "The URL could not be reached.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable("document_unavailable", "The download was interrupted.");
        } catch (IllegalArgumentException e) {
            return notAnAcceptableUrl();
        }
    }

    private static NotAllowed notAnAcceptableUrl() {
        return new NotAllowed(
                "url must be an absolute http(s) URL without user information, at most "
                        + MAX_URL
                        + " characters.");
    }
}
