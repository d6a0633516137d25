package dev.gatehouse.gateway.upstream;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.BodySizeLimitFilter;
import dev.gatehouse.kernel.web.ProblemRenderer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The relay transport: sends one client request, which the pipeline has already authorized, to the
 * tenant's upstream and streams the answer back. The only class that talks to the upstream on a
 * client's behalf.
 *
 * <p>Contract, in the order things happen:
 *
 * <ol>
 *   <li>The URL is the stored {@code base_url}, then {@code canonicalUpstreamPath}, then {@code
 *       ?rawQuery} exactly as received. Scheme, host and port come only from {@code base_url}; the
 *       path and query are sent as the request target of a connection to that host, and are refused
 *       (400 {@code invalid_path}) if they hold anything but visible ASCII, a {@code #}, a
 *       backslash, {@code //}, or {@code .}/{@code ..} segments.
 *   <li>A declared {@code Content-Length} over {@code max_request_bytes} is answered 413 {@code
 *       payload_too_large} before the upstream is contacted. Any body is streamed as it arrives and
 *       counted; a chunked body that crosses the limit is cut off there (the upstream sees a broken
 *       request) and the client gets 413.
 *   <li>Headers as {@link RelayHeaders} says; {@code X-Forwarded-For} is the client's value with
 *       {@code clientIp} appended, {@code X-Request-Id} is {@code requestId}; then the upstream
 *       auth (basic, header or session token).
 *   <li>Session auth: on a 401 the relay logs in again once ({@link UpstreamSessions#renew}) and
 *       sends once more, but only when the body can be sent again: no body, or a body of at most
 *       {@link RequestBody#REPLAY_LIMIT} bytes, which is then buffered. A larger body streams, and
 *       its 401 goes back to the client as it is.
 *   <li>Redirects are never followed: a 3xx goes back as it is. A {@code Location} that points into
 *       the upstream's {@code base_url} is rewritten to the same place under the gateway's public
 *       path ({@code /gateway/v1/erp/…}), so the client never learns the ERP's address and follows
 *       it through the gateway; any other {@code Location} is passed unchanged.
 *   <li>The answer streams back without hop-by-hop headers and {@code Set-Cookie}; a header
 *       Gatehouse already set (request id, security headers) is not overwritten. Over {@code
 *       max_response_bytes}: when the upstream declared the length, or the whole body fits the
 *       first read of {@link #BLOCK} bytes, nothing is sent but 502 {@code upstream_unavailable};
 *       when the body had started streaming, the connection is aborted ({@link RelayAborted}).
 *   <li>No connection or answer within {@code timeout_ms}: 504 {@code upstream_timeout}; connection
 *       failure, private address at connect time, TLS failure, an answer that is not HTTP, a failed
 *       session login: 502 {@code upstream_unavailable}. Problems are the gateway's own sentences;
 *       nothing the upstream said reaches them.
 * </ol>
 *
 * <p>Thread-safe; one call per request, on the request's thread.
 */
public final class UpstreamRelay {

    /** The read block of the response copy; a body that fits is checked before anything is sent. */
    static final int BLOCK = 32 * 1024;

    /** Where the gateway serves relayed paths; {@code Location} values are rewritten under it. */
    public static final String PUBLIC_PREFIX = "/gateway/v1/erp";

    private static final Logger log = LoggerFactory.getLogger(UpstreamRelay.class);

    private final UpstreamDirectory directory;
    private final UpstreamVault vault;
    private final UpstreamSessions sessions;
    private final UpstreamHttp http;
    private final ProblemRenderer problems;
    private final Clock clock;

    UpstreamRelay(
            UpstreamDirectory directory,
            UpstreamVault vault,
            UpstreamSessions sessions,
            UpstreamHttp http,
            ProblemRenderer problems,
            Clock clock) {
        this.directory = directory;
        this.vault = vault;
        this.sessions = sessions;
        this.http = http;
        this.problems = problems;
        this.clock = clock;
    }

    /**
     * Relays one request and answers the client in every case (the upstream's answer or a problem).
     *
     * @param canonicalUpstreamPath the path below {@code base_url}, starting with {@code /},
     *     already canonical (the pipeline's check 4)
     * @param rawQuery the query string as received, without {@code ?}, or null
     * @param requestId the request's ref, sent as {@code X-Request-Id}
     * @param clientIp the client address as the kernel resolved it (through {@code
     *     TRUSTED_PROXIES}), appended to {@code X-Forwarded-For}
     * @throws RelayAborted when the answer failed after it had started streaming; the caller must
     *     let it reach the container so the connection is aborted
     */
    public RelayResult relay(
            TenantId tenant,
            String method,
            String canonicalUpstreamPath,
            @Nullable String rawQuery,
            HttpServletRequest in,
            HttpServletResponse out,
            String requestId,
            String clientIp)
            throws RelayAborted {
        return new Exchange(
                        tenant,
                        method.toUpperCase(Locale.ROOT),
                        canonicalUpstreamPath,
                        rawQuery,
                        in,
                        out,
                        requestId,
                        clientIp)
                .run();
    }

    /** The path and query as a request target below {@code basePath}, or null if unsafe. */
    static @Nullable String requestTarget(String basePath, String path, @Nullable String query) {
        if (!path.startsWith("/") || path.contains("//") || !visible(path, "?#\\")) {
            return null;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        if (query != null && !visible(query, "#")) {
            return null;
        }
        return basePath + path + (query == null ? "" : "?" + query);
    }

    private static boolean visible(String s, String forbidden) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || forbidden.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The upstream auth of one send, or the answered failure that replaced the send. */
    private sealed interface Prepared permits Injected, Unsent {}

    /** A send that could not be made (no secrets, no session); the client was answered. */
    private record Unsent(RelayResult result) implements Prepared {}

    /** The upstream auth of one send: headers to add, and the session token's version. */
    private record Injected(List<RelayHeaders.Forwarded> headers, long sessionVersion)
            implements Prepared {
        Set<String> names() {
            Set<String> names = new java.util.HashSet<>();
            headers.forEach(h -> names.add(h.name().toLowerCase(Locale.ROOT)));
            return names;
        }
    }

    /** One relay's state. */
    private final class Exchange {

        private final TenantId tenant;
        private final String method;
        private final String path;
        private final @Nullable String query;
        private final HttpServletRequest in;
        private final HttpServletResponse out;
        private final String requestId;
        private final String clientIp;
        private final Instant start = clock.instant();
        private @Nullable Duration latency;
        private RequestBody.@Nullable Counted counted;
        private final ResponseCopy copy = new ResponseCopy();
        private boolean loggedIn;
        private boolean retried;
        private long maxRequest;

        Exchange(
                TenantId tenant,
                String method,
                String path,
                @Nullable String query,
                HttpServletRequest in,
                HttpServletResponse out,
                String requestId,
                String clientIp) {
            this.tenant = tenant;
            this.method = method;
            this.path = path;
            this.query = query;
            this.in = in;
            this.out = out;
            this.requestId = requestId;
            this.clientIp = clientIp;
        }

        RelayResult run() throws RelayAborted {
            if (!out.containsHeader("X-Request-Id")) {
                out.setHeader("X-Request-Id", requestId);
            }
            Optional<Upstream> found = directory.find(tenant);
            if (found.isEmpty()) {
                return fail(RelayResult.Outcome.NOT_CONFIGURED, "not_configured", null);
            }
            Upstream u = found.get();
            maxRequest = u.maxRequestBytes();
            UpstreamHttp.Target target = UpstreamHttp.Target.of(u.baseUrl());
            String requestTarget = requestTarget(target.basePath(), path, query);
            if (requestTarget == null) {
                return fail(RelayResult.Outcome.INVALID_TARGET, "invalid_target", null);
            }
            long declared = in.getContentLengthLong();
            if (declared > u.maxRequestBytes()) {
                return tooLarge("declared_too_large");
            }
            RequestBody body;
            try {
                counted =
                        new RequestBody.Counted(in.getInputStream(), u.maxRequestBytes(), declared);
                body =
                        RequestBody.of(
                                counted,
                                declared,
                                in.getHeader("Transfer-Encoding") != null,
                                u.auth() instanceof UpstreamAuth.Session);
            } catch (IOException e) {
                return requestFailed(e, null);
            }
            return exchange(u, target, requestTarget, body);
        }

        private RelayResult exchange(
                Upstream u, UpstreamHttp.Target target, String requestTarget, RequestBody body)
                throws RelayAborted {
            Injected auth = null;
            CloseableHttpResponse response = null;
            while (response == null) {
                switch (inject(u, auth)) {
                    case Unsent(RelayResult failed) -> {
                        return failed;
                    }
                    case Injected next -> auth = next;
                }
                try {
                    response =
                            http.execute(
                                    target,
                                    request(target, requestTarget, body, auth),
                                    u.timeoutMs());
                } catch (IOException e) {
                    return requestFailed(e, null);
                }
                if (response.getCode() == 401
                        && u.auth() instanceof UpstreamAuth.Session
                        && body.replayable()
                        && !retried) {
                    discard(response);
                    closeQuietly(response);
                    response = null;
                    retried = true;
                }
            }
            latency = since();
            return copy.stream(u, target, response);
        }

        /** The auth headers of the next send, or a failed result when a session cannot be had. */
        private Prepared inject(Upstream u, @Nullable Injected previous) {
            Optional<UpstreamSecrets> opened =
                    u.auth() instanceof UpstreamAuth.None
                                    || u.auth() instanceof UpstreamAuth.Session
                            ? Optional.of(UpstreamSecrets.empty())
                            : vault.openSecrets(u);
            if (opened.isEmpty()) {
                return new Unsent(
                        fail(
                                RelayResult.Outcome.UPSTREAM_UNAVAILABLE,
                                "secrets_unavailable",
                                null));
            }
            UpstreamSecrets s = opened.get();
            return switch (u.auth()) {
                case UpstreamAuth.None n -> new Injected(List.of(), 0);
                case UpstreamAuth.Basic b ->
                        new Injected(
                                List.of(new RelayHeaders.Forwarded("Authorization", basic(b, s))),
                                0);
                case UpstreamAuth.Header h ->
                        new Injected(
                                List.of(
                                        new RelayHeaders.Forwarded(
                                                h.name(), String.valueOf(s.value()))),
                                0);
                case UpstreamAuth.Session session -> session(u, session, previous);
            };
        }

        private Prepared session(
                Upstream u, UpstreamAuth.Session auth, @Nullable Injected previous) {
            UpstreamSessions.Obtained obtained =
                    previous == null
                            ? sessions.current(u, auth)
                            : sessions.renew(u, auth, previous.sessionVersion());
            return switch (obtained) {
                case UpstreamSessions.Ready(UpstreamSessions.Credential c, boolean login) -> {
                    loggedIn |= login;
                    yield new Injected(
                            List.of(new RelayHeaders.Forwarded(c.header(), c.value())),
                            c.version());
                }
                case UpstreamSessions.Failed(UpstreamLogin.Failure reason) ->
                        new Unsent(
                                fail(
                                        reason == UpstreamLogin.Failure.TIMEOUT
                                                ? RelayResult.Outcome.UPSTREAM_TIMEOUT
                                                : RelayResult.Outcome.UPSTREAM_UNAVAILABLE,
                                        reason.wire(),
                                        null));
            };
        }

        private BasicClassicHttpRequest request(
                UpstreamHttp.Target target, String requestTarget, RequestBody body, Injected auth) {
            BasicClassicHttpRequest r =
                    new BasicClassicHttpRequest(method, target.host(), requestTarget);
            for (RelayHeaders.Forwarded h : RelayHeaders.toUpstream(in, auth.names())) {
                r.addHeader(h.name(), h.value());
            }
            r.setHeader("X-Forwarded-For", RelayHeaders.forwardedFor(in, clientIp));
            r.setHeader("X-Request-Id", requestId);
            for (RelayHeaders.Forwarded h : auth.headers()) {
                r.setHeader(h.name(), h.value());
            }
            r.setEntity(body.entity());
            return r;
        }

        private RelayResult requestFailed(IOException e, @Nullable Integer upstreamStatus) {
            RequestBody.Counted c = counted;
            if ((c != null && c.tooLarge())
                    || Boolean.TRUE.equals(
                            in.getAttribute(BodySizeLimitFilter.EXCEEDED_ATTRIBUTE))) {
                return tooLarge("body_too_large");
            }
            if (c != null && c.clientFailed()) {
                return result(
                        RelayResult.Outcome.CLIENT_GONE, "client_body_broken", upstreamStatus, 0);
            }
            UpstreamHttp.Failure f = UpstreamHttp.failure(e);
            log.warn("Relay to upstream of tenant {} failed: {}", tenant.value(), f.wire());
            return fail(
                    f == UpstreamHttp.Failure.TIMEOUT
                            ? RelayResult.Outcome.UPSTREAM_TIMEOUT
                            : RelayResult.Outcome.UPSTREAM_UNAVAILABLE,
                    f.wire(),
                    upstreamStatus);
        }

        private RelayResult tooLarge(String reason) {
            out.setHeader("Connection", "close");
            return fail(RelayResult.Outcome.PAYLOAD_TOO_LARGE, reason, null);
        }

        /** Answers the outcome's problem (nothing was sent yet) and records it. */
        private RelayResult fail(
                RelayResult.Outcome outcome, String reason, @Nullable Integer upstreamStatus) {
            ApiProblem problem = outcome.problem(maxRequest);
            int status = 0;
            if (problem != null && !out.isCommitted()) {
                problems.write(in, out, problem);
                status = problem.status();
            }
            return result(outcome, reason, upstreamStatus, status);
        }

        private RelayResult result(
                RelayResult.Outcome outcome,
                @Nullable String reason,
                @Nullable Integer upstreamStatus,
                int responseStatus) {
            RequestBody.Counted c = counted;
            return new RelayResult(
                    outcome,
                    reason,
                    upstreamStatus,
                    responseStatus,
                    latency == null ? since() : latency,
                    c == null ? 0 : c.count(),
                    copy.count,
                    c == null ? new byte[0] : c.preview(),
                    copy.preview(),
                    loggedIn,
                    retried);
        }

        private Duration since() {
            Duration d = Duration.between(start, clock.instant());
            return d.isNegative() ? Duration.ZERO : d;
        }

        /** Streams the upstream's answer to the client. */
        private final class ResponseCopy {

            private final byte[] preview = new byte[RelayResult.PREVIEW_BYTES];
            private int previewLength;
            private long count;
            private final List<String> added = new ArrayList<>();

            RelayResult stream(
                    Upstream u, UpstreamHttp.Target target, CloseableHttpResponse response)
                    throws RelayAborted {
                boolean complete = false;
                try {
                    RelayResult r = copy(u, target, response);
                    complete = r.outcome() == RelayResult.Outcome.RELAYED;
                    return r;
                } finally {
                    if (!complete) {
                        discard(response);
                    }
                    closeQuietly(response);
                }
            }

            private RelayResult copy(
                    Upstream u, UpstreamHttp.Target target, CloseableHttpResponse response)
                    throws RelayAborted {
                int status = response.getCode();
                long max = u.maxResponseBytes();
                var entity = response.getEntity();
                long declared = entity == null ? -1 : entity.getContentLength();
                if (declared > max) {
                    return fail(
                            RelayResult.Outcome.UPSTREAM_UNAVAILABLE, "response_too_large", status);
                }
                byte[] block = new byte[BLOCK];
                int first;
                java.io.InputStream upstream;
                try {
                    upstream =
                            entity == null
                                    ? java.io.InputStream.nullInputStream()
                                    : entity.getContent();
                    first = upstream.readNBytes(block, 0, BLOCK);
                } catch (IOException e) {
                    return upstreamBroke(e, status);
                }
                boolean whole = first < BLOCK;
                if (first > max) {
                    return fail(
                            RelayResult.Outcome.UPSTREAM_UNAVAILABLE, "response_too_large", status);
                }
                head(u, target, response, declared >= 0 ? declared : whole ? first : -1);
                if (!write(block, first)) {
                    return result(RelayResult.Outcome.CLIENT_GONE, "client_gone", status, status);
                }
                if (!whole) {
                    RelayResult early = rest(upstream, block, max, status);
                    if (early != null) {
                        return early;
                    }
                }
                try {
                    out.flushBuffer();
                } catch (IOException e) {
                    return result(RelayResult.Outcome.CLIENT_GONE, "client_gone", status, status);
                }
                return result(RelayResult.Outcome.RELAYED, null, status, status);
            }

            /** Copies the rest of the body; null when it all went through. */
            private @Nullable RelayResult rest(
                    java.io.InputStream upstream, byte[] block, long max, int status)
                    throws RelayAborted {
                while (true) {
                    int n;
                    try {
                        n = upstream.read(block);
                    } catch (IOException e) {
                        return upstreamBroke(e, status);
                    }
                    if (n < 0) {
                        return null;
                    }
                    if (count + n > max) {
                        return overflow(status);
                    }
                    if (!write(block, n)) {
                        return result(
                                RelayResult.Outcome.CLIENT_GONE, "client_gone", status, status);
                    }
                }
            }

            private void head(
                    Upstream u,
                    UpstreamHttp.Target target,
                    CloseableHttpResponse response,
                    long length) {
                out.setStatus(response.getCode());
                Set<String> named =
                        RelayHeaders.connectionNamed(
                                RelayHeaders.connectionValues(response.getHeaders("Connection")));
                for (var h : response.getHeaders()) {
                    String name = h.getName();
                    if (!RelayHeaders.toClient(name, named)
                            || (out.containsHeader(name)
                                    && !added.contains(name)
                                    && !name.equalsIgnoreCase("Vary"))) {
                        continue;
                    }
                    String value =
                            name.equalsIgnoreCase("Location")
                                    ? Locations.rewrite(target, h.getValue(), PUBLIC_PREFIX)
                                    : h.getValue();
                    out.addHeader(name, value);
                    added.add(name);
                }
                if (length >= 0) {
                    out.setContentLengthLong(length);
                } else if (method.equals("HEAD")
                        && response.getFirstHeader("Content-Length") != null) {
                    out.setHeader(
                            "Content-Length", response.getFirstHeader("Content-Length").getValue());
                }
            }

            private boolean write(byte[] block, int n) {
                if (n <= 0) {
                    return true;
                }
                int keep = Math.min(n, preview.length - previewLength);
                if (keep > 0) {
                    System.arraycopy(block, 0, preview, previewLength, keep);
                    previewLength += keep;
                }
                try {
                    out.getOutputStream().write(block, 0, n);
                    count += n;
                    return true;
                } catch (IOException clientGone) {
                    return false;
                }
            }

            private RelayResult overflow(int status) throws RelayAborted {
                return broken(
                        RelayResult.Outcome.UPSTREAM_UNAVAILABLE, "response_too_large", status);
            }

            private RelayResult upstreamBroke(IOException e, int status) throws RelayAborted {
                UpstreamHttp.Failure f = UpstreamHttp.failure(e);
                return broken(
                        f == UpstreamHttp.Failure.TIMEOUT
                                ? RelayResult.Outcome.UPSTREAM_TIMEOUT
                                : RelayResult.Outcome.UPSTREAM_UNAVAILABLE,
                        f.wire(),
                        status);
            }

            /** Before commit: take back what was set and answer a problem. After: abort. */
            private RelayResult broken(RelayResult.Outcome outcome, String reason, int status)
                    throws RelayAborted {
                if (!out.isCommitted()) {
                    out.resetBuffer();
                    added.forEach(name -> out.setHeader(name, null));
                    count = 0;
                    previewLength = 0;
                    return fail(outcome, reason, status);
                }
                log.warn("Relay for tenant {} aborted mid-answer: {}", tenant.value(), reason);
                throw new RelayAborted(result(RelayResult.Outcome.ABORTED, reason, status, 0));
            }

            byte[] preview() {
                return java.util.Arrays.copyOf(preview, previewLength);
            }
        }
    }

    private static String basic(UpstreamAuth.Basic b, UpstreamSecrets s) {
        String pair = b.username() + ":" + (s.password() == null ? "" : s.password());
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Drops the upstream connection of an answer that was not read to its end, instead of reading
     * the rest (which may be large, slow or endless) to keep the connection.
     */
    private static void discard(CloseableHttpResponse response) {
        try {
            if (response.getEntity() != null
                    && response.getEntity().getContent() instanceof EofSensorInputStream in) {
                in.abort();
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // the connection is closed with the response below either way
        }
    }

    private static void closeQuietly(CloseableHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is discarded either way
        }
    }
}
