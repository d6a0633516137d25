package dev.gatehouse.gateway.upstream;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

/**
 * The one HTTP client every relay, login and connection test of this node uses.
 *
 * <p>Why Apache HttpClient 5 (classic, blocking) and not the JDK's {@code java.net.http}: the relay
 * copies servlet streams on a (virtual) thread per request, which the blocking API does with plain
 * stream copies and no reactive adaptation; it sends headers exactly as given (the JDK client
 * refuses to set some, and adds none we would have to strip); and its {@link DnsResolver} hook lets
 * every connect check the addresses the name resolves to right then, which is what stops a name
 * that turns private after it was saved (DNS rebinding). No Netty is involved.
 *
 * <p>Settings: a pool of at most {@link #MAX_TOTAL} connections ({@link #MAX_PER_ROUTE} per
 * upstream) reused across requests, idle ones evicted after {@link #IDLE}, revalidated after {@link
 * #VALIDATE_AFTER} of inactivity; no redirects, no automatic retries, no cookies, no decompression,
 * no auth caching, no protocol upgrade, no proxy. The upstream's {@code timeout_ms} bounds the
 * connect, the wait for a pooled connection and every wait for upstream bytes. Thread-safe.
 */
final class UpstreamHttp implements AutoCloseable {

    static final int MAX_TOTAL = 2048;
    static final int MAX_PER_ROUTE = 512;
    static final TimeValue IDLE = TimeValue.ofSeconds(30);
    static final TimeValue VALIDATE_AFTER = TimeValue.ofSeconds(1);
    static final String USER_AGENT = "Gatehouse-Gateway/1";

    /** Why an exchange produced no answer; stable names for audit and metrics. */
    enum Failure {
        TIMEOUT("timeout"),
        CONNECTION_REFUSED("connection_refused"),
        PRIVATE_TARGET("private_target"),
        DNS_ERROR("dns_error"),
        TLS_ERROR("tls_error"),
        INVALID_RESPONSE("invalid_response"),
        IO_ERROR("io_error");

        private final String wire;

        Failure(String wire) {
            this.wire = wire;
        }

        String wire() {
            return wire;
        }
    }

    /** A name resolved only to addresses an upstream may not use. */
    static final class RefusedAddress extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        RefusedAddress() {
            super("the upstream resolves to a private address");
        }
    }

    /** Where an upstream lives: the fixed scheme, host and port, and the base path. */
    record Target(HttpHost host, String basePath) {

        static Target of(String baseUrl) {
            URI uri = URI.create(baseUrl);
            String scheme = uri.getScheme();
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return new Target(
                    new HttpHost(scheme, PrivateAddresses.bare(uri.getHost()), port),
                    path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        }
    }

    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;

    UpstreamHttp(boolean allowPrivate, UpstreamRequests.Resolver resolver) {
        this.pool =
                PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new Guarded(allowPrivate, resolver))
                        .setMaxConnTotal(MAX_TOTAL)
                        .setMaxConnPerRoute(MAX_PER_ROUTE)
                        .setDefaultConnectionConfig(
                                ConnectionConfig.custom()
                                        .setConnectTimeout(Timeout.ofSeconds(30))
                                        .setSocketTimeout(Timeout.ofMinutes(5))
                                        .setValidateAfterInactivity(VALIDATE_AFTER)
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
                        .evictIdleConnections(IDLE)
                        .evictExpiredConnections()
                        .build();
    }

    /** Sends {@code request} to {@code target}; the caller closes the response. */
    CloseableHttpResponse execute(Target target, ClassicHttpRequest request, int timeoutMs)
            throws IOException {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(config(timeoutMs));
        return client.execute(target.host(), request, context);
    }

    @SuppressWarnings("deprecation") // the per-request connect timeout is still honoured
    private static RequestConfig config(int timeoutMs) {
        Timeout t = Timeout.ofMilliseconds(timeoutMs);
        return RequestConfig.custom()
                .setConnectTimeout(t)
                .setConnectionRequestTimeout(t)
                .setResponseTimeout(t)
                .setRedirectsEnabled(false)
                .setProtocolUpgradeEnabled(false)
                .setExpectContinueEnabled(false)
                .build();
    }

    /** The stable reason for an exchange that failed; never the exception's message. */
    static Failure failure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            switch (t) {
                case RefusedAddress e -> {
                    return Failure.PRIVATE_TARGET;
                }
                case ConnectTimeoutException e -> {
                    return Failure.TIMEOUT;
                }
                case SocketTimeoutException e -> {
                    return Failure.TIMEOUT;
                }
                case HttpHostConnectException e -> {
                    return Failure.CONNECTION_REFUSED;
                }
                case ConnectException e -> {
                    return Failure.CONNECTION_REFUSED;
                }
                case UnknownHostException e -> {
                    return Failure.DNS_ERROR;
                }
                case SSLException e -> {
                    return Failure.TLS_ERROR;
                }
                case NoHttpResponseException e -> {
                    return Failure.INVALID_RESPONSE;
                }
                case ProtocolException e -> {
                    return Failure.INVALID_RESPONSE;
                }
                case org.apache.hc.core5.http.ConnectionClosedException e -> {
                    return Failure.INVALID_RESPONSE;
                }
                case org.apache.hc.core5.http.MalformedChunkCodingException e -> {
                    return Failure.INVALID_RESPONSE;
                }
                default -> {
                    // look at the cause
                }
            }
        }
        return Failure.IO_ERROR;
    }

    @Override
    public void close() {
        client.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
        pool.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
    }

    /** Resolves at every connect and refuses private addresses unless they are allowed. */
    private record Guarded(boolean allowPrivate, UpstreamRequests.Resolver resolver)
            implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = resolver.resolve(PrivateAddresses.bare(host));
            if (!allowPrivate) {
                for (InetAddress a : addresses) {
                    if (PrivateAddresses.restricted(a)) {
                        throw new RefusedAddress();
                    }
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return host;
        }
    }
}
