package dev.gatehouse.gateway.upstream;

import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * One session login against an upstream: POSTs the filled-in body template to {@code login_path}
 * and reads the token from the answer. Nothing the upstream says is kept or reported but the status
 * and a stable reason; the answer is read up to {@link #MAX_ANSWER} bytes. Thread-safe.
 */
final class UpstreamLogin {

    /** The most of a login answer that is read. */
    static final int MAX_ANSWER = 64 * 1024;

    /** Why a login gave no token; {@link #wire()} is what audit and the API show. */
    enum Failure {
        /** The upstream refused the credentials (a 4xx answer). */
        REJECTED("login_rejected"),
        /** The upstream answered the login with a status other than 2xx or 4xx. */
        UPSTREAM_ERROR("login_error"),
        /** The answer was not JSON, or had no usable token at the pointer. */
        NO_TOKEN("token_missing"),
        TIMEOUT("timeout"),
        UNREACHABLE("unreachable"),
        PRIVATE_TARGET("private_target"),
        /** The stored secrets do not open (retired key, tampered row). */
        SECRETS_UNAVAILABLE("secrets_unavailable"),
        /** Another node's login failed; this relay did not try again. */
        FAILED_ELSEWHERE("login_failed"),
        /** Another node's login did not finish in time. */
        BUSY("login_pending");

        private final String wire;

        Failure(String wire) {
            this.wire = wire;
        }

        String wire() {
            return wire;
        }
    }

    /**
     * How a login went: the token when it worked, else the reason; {@code status} is the upstream's
     * HTTP status when it answered.
     */
    record Attempt(
            @Nullable String token,
            @Nullable Failure failure,
            @Nullable Integer status,
            Duration latency) {

        boolean ok() {
            return token != null;
        }

        @Override
        public String toString() {
            return "Attempt[" + (token != null ? "ok" : failure) + " " + status + "]";
        }
    }

    private final UpstreamHttp http;
    private final Clock clock;

    UpstreamLogin(UpstreamHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    Attempt login(Upstream upstream, UpstreamAuth.Session auth, UpstreamSecrets secrets) {
        UpstreamHttp.Target target = UpstreamHttp.Target.of(upstream.baseUrl());
        byte[] body =
                LoginBodies.body(
                        auth.bodyTemplate(),
                        auth.username(),
                        secrets.password() == null ? "" : secrets.password(),
                        secrets.apiKey());
        BasicClassicHttpRequest request =
                new BasicClassicHttpRequest(
                        "POST", target.host(), target.basePath() + auth.loginPath());
        request.setHeader("Accept", "application/json");
        request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        Instant start = clock.instant();
        try (CloseableHttpResponse response = http.execute(target, request, upstream.timeoutMs())) {
            Duration latency = since(start);
            int status = response.getCode();
            if (status < 200 || status > 299) {
                return new Attempt(
                        null,
                        status >= 400 && status < 500 ? Failure.REJECTED : Failure.UPSTREAM_ERROR,
                        status,
                        latency);
            }
            LoginBodies.Token token =
                    LoginBodies.token(read(response.getEntity()), auth.tokenPointer());
            return token.value() == null
                    ? new Attempt(null, Failure.NO_TOKEN, status, latency)
                    : new Attempt(token.value(), null, status, latency);
        } catch (IOException e) {
            Failure failure =
                    switch (UpstreamHttp.failure(e)) {
                        case TIMEOUT -> Failure.TIMEOUT;
                        case PRIVATE_TARGET -> Failure.PRIVATE_TARGET;
                        case INVALID_RESPONSE -> Failure.UPSTREAM_ERROR;
                        default -> Failure.UNREACHABLE;
                    };
            return new Attempt(null, failure, null, since(start));
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    private static byte[] read(@Nullable HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            return in.readNBytes(MAX_ANSWER);
        }
    }

    private Duration since(Instant start) {
        Duration d = Duration.between(start, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }
}
