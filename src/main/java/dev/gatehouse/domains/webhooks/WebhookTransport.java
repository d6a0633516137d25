package dev.gatehouse.domains.webhooks;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLException;

/**
 * Posts one signed event and reports how it went; never throws for the receiver's behaviour.
 *
 * <p>Redirects are not followed (a 3xx is an answer like any other), the connection and the answer
 * each have {@link #TIMEOUT}, and the response body is never read: the stream is closed as soon as
 * the status is known, so a receiver cannot hold the sender with an endless body and nothing it
 * says is stored. Thread-safe.
 */
final class WebhookTransport {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String USER_AGENT = "Gatehouse-Webhooks/1";
    private static final long MAX_RETRY_AFTER_SECONDS = 86_400;

    /** How one post ended and how long it took. */
    record Sent(Retries.Outcome outcome, Duration took) {}

    private final HttpClient client;
    private final Clock clock;

    WebhookTransport(HttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * The client every node uses: no redirects, no proxy, HTTP/1.1, {@link #TIMEOUT} to connect.
     */
    static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Sent post(URI target, WebhookSigner.Headers headers, String body) {
        HttpRequest request =
                HttpRequest.newBuilder(target)
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("User-Agent", USER_AGENT)
                        .header(WebhookSigner.ID, headers.id())
                        .header(WebhookSigner.TIMESTAMP, headers.timestamp())
                        .header(WebhookSigner.SIGNATURE, headers.signature())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        Instant start = clock.instant();
        try {
            HttpResponse<InputStream> response =
                    client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return new Sent(
                    new Retries.Outcome.Answered(
                            response.statusCode(),
                            retryAfter(response.headers().firstValue("Retry-After").orElse(null))),
                    since(start));
        } catch (IOException e) {
            return new Sent(new Retries.Outcome.Unsent(errorClass(e), true), since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(new Retries.Outcome.Unsent("interrupted", true), since(start));
        }
    }

    /** A short, stable name for why nothing was answered; never the exception's message. */
    static String errorClass(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            switch (t) {
                case HttpConnectTimeoutException e -> {
                    return "connect_timeout";
                }
                case HttpTimeoutException e -> {
                    return "timeout";
                }
                case ConnectException e -> {
                    return "connection_refused";
                }
                case UnknownHostException e -> {
                    return "dns_error";
                }
                case UnresolvedAddressException e -> {
                    return "dns_error";
                }
                case SSLException e -> {
                    return "tls_error";
                }
                default -> {
                    // look at the cause
                }
            }
        }
        return "io_error";
    }

    static @Nullable Duration retryAfter(@Nullable String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0
                    ? null
                    : Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER_SECONDS));
        } catch (NumberFormatException dateOrGarbage) {
            return null;
        }
    }

    private Duration since(Instant start) {
        Duration took = Duration.between(start, clock.instant());
        return took.isNegative() ? Duration.ZERO : took;
    }
}
