package dev.gatehouse.domains.webhooks;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Posts one signed event to the address its target was checked at, and reports how it went; never
 * throws for the receiver's behaviour.
 *
 * <p>Design: the client is Apache HttpClient 5 (classic, blocking), because it lets the connection
 * go to a given address while everything else about the request uses the host name. Each post's
 * route is an {@link HttpHost} carrying both the name and the {@link
 * WebhookTargets.SendCheck.Allowed#address() checked address}: the socket connects to the address,
 * the {@code Host} header, SNI and the certificate check (the JDK's HTTPS endpoint identification
 * and the client's own verifier) use the name. The connection pool's {@link DnsResolver} refuses
 * every lookup, so no path in the client can resolve the name a second time (ADR 24). Pooled
 * connections are keyed by name and address, so a kept-alive connection is only reused for a post
 * checked to the same address.
 *
 * <p>Redirects are not followed (a 3xx is an answer like any other), only HTTP/1.1 is spoken, no
 * proxy is used, the connection, the TLS handshake and every wait for the answer each have {@link
 * #TIMEOUT}, and the response body is never read: the connection is dropped as soon as the status
 * is known unless the answer had no body, so a receiver cannot hold the sender with an endless body
 * and nothing it says is stored. Thread-safe; {@link #close()} drops the pooled connections.
 */
final class WebhookTransport implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String USER_AGENT = "Gatehouse-Webhooks/1";
    private static final long MAX_RETRY_AFTER_SECONDS = 86_400;
    private static final ContentType JSON = ContentType.create("application/json");

    /** How one post ended and how long it took. */
    record Sent(Retries.Outcome outcome, Duration took) {}

    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;
    private final RequestConfig config;
    private final Clock clock;

    /**
     * A transport trusting the JVM's default trust store.
     *
     * @throws IllegalStateException when the JVM has no default TLS context
     */
    WebhookTransport(Clock clock) {
        this(clock, systemTls());
    }

    /** A transport trusting what {@code tls} trusts (tests trust their own certificate). */
    WebhookTransport(Clock clock, SSLContext tls) {
        Timeout timeout = Timeout.of(TIMEOUT);
        this.clock = clock;
        this.config =
                RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .setRedirectsEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .setExpectContinueEnabled(false)
                        .build();
        this.pool =
                PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(NeverResolve.INSTANCE)
                        .setTlsSocketStrategy(
                                ClientTlsStrategyBuilder.create()
                                        .setSslContext(tls)
                                        .setHostVerificationPolicy(HostnameVerificationPolicy.BOTH)
                                        .buildClassic())
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(timeout).build())
                        .setMaxConnTotal(WebhookDispatcher.BATCH)
                        .setMaxConnPerRoute(WebhookDispatcher.BATCH)
                        .setDefaultConnectionConfig(
                                ConnectionConfig.custom()
                                        .setConnectTimeout(timeout)
                                        .setSocketTimeout(timeout)
                                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                        .build())
                        .build();
        this.client =
                HttpClients.custom()
                        .setConnectionManager(pool)
                        .disableRedirectHandling()
                        .disableAutomaticRetries()
                        .disableCookieManagement()
                        .disableContentCompression()
                        .disableAuthCaching()
                        .setUserAgent(USER_AGENT)
                        .evictIdleConnections(TimeValue.ofSeconds(30))
                        .evictExpiredConnections()
                        .build();
    }

    /** Posts {@code body} to {@code target}'s URL, connecting to its checked address only. */
    Sent post(WebhookTargets.SendCheck.Allowed target, WebhookSigner.Headers headers, String body) {
        URI uri = target.uri();
        HttpHost route =
                new HttpHost(
                        uri.getScheme(),
                        target.address(),
                        WebhookTargets.bare(uri.getHost()),
                        uri.getPort());
        HttpPost request = new HttpPost(uri);
        request.setHeader(WebhookSigner.ID, headers.id());
        request.setHeader(WebhookSigner.TIMESTAMP, headers.timestamp());
        request.setHeader(WebhookSigner.SIGNATURE, headers.signature());
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), JSON));
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(config);
        Instant start = clock.instant();
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(route, request, context);
        } catch (IOException e) {
            String error = Thread.currentThread().isInterrupted() ? "interrupted" : errorClass(e);
            return new Sent(new Retries.Outcome.Unsent(error, true), since(start));
        }
        try {
            Header retryAfter = response.getFirstHeader("Retry-After");
            return new Sent(
                    new Retries.Outcome.Answered(
                            response.getCode(),
                            retryAfter(retryAfter == null ? null : retryAfter.getValue())),
                    since(start));
        } finally {
            dropBody(response);
        }
    }

    /** A short, stable name for why nothing was answered; never the exception's message. */
    static String errorClass(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            switch (t) {
                case ConnectTimeoutException e -> {
                    return "connect_timeout";
                }
                case SocketTimeoutException e -> {
                    return "timeout";
                }
                case ConnectException e -> {
                    return "connection_refused";
                }
                case UnknownHostException e -> {
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

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
        pool.close(CloseMode.IMMEDIATE);
    }

    /**
     * Ends the exchange without reading the answer's body: a connection whose body is left is
     * dropped, instead of being read to its end as closing the response alone would do to keep it.
     */
    private static void dropBody(ClassicHttpResponse response) {
        HttpEntity entity = response.getEntity();
        try {
            if (entity != null && entity.getContent() instanceof EofSensorInputStream in) {
                in.abort();
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // the connection is discarded with the response below either way
        }
        try {
            response.close();
        } catch (IOException ignored) {
            // already dropped
        }
    }

    private static SSLContext systemTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context", e);
        }
    }

    private Duration since(Instant start) {
        Duration took = Duration.between(start, clock.instant());
        return took.isNegative() ? Duration.ZERO : took;
    }

    /**
     * The pool's resolver: every post names its address, so a lookup here would be a second one,
     * and is refused.
     */
    private enum NeverResolve implements DnsResolver {
        INSTANCE;

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException("webhook posts connect to their checked address only");
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException("webhook posts connect to their checked address only");
        }
    }
}
