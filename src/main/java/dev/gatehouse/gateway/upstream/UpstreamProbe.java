package dev.gatehouse.gateway.upstream;

import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code POST /v1/gateway/upstream:test}: reaches the upstream without relaying anything. With
 * {@code session} auth it makes one login (the token is checked, then dropped: the relays' cached
 * session is left alone); otherwise it sends {@code GET} to {@code base_url} with the upstream auth
 * and reads no body. The answer holds the status, the latency and a stable reason with a fixed
 * sentence; nothing the upstream said. Thread-safe.
 */
public final class UpstreamProbe {

    /**
     * @param reachable the upstream answered HTTP
     * @param status its status, when it answered
     * @param login {@code ok}, {@code failed} or {@code not_applicable}
     * @param reason a stable code when something is wrong, else null
     * @param detail a fixed sentence for the reason
     */
    public record Result(
            boolean reachable,
            @Nullable Integer status,
            Duration latency,
            String login,
            @Nullable String reason,
            String detail) {}

    private final UpstreamHttp http;
    private final UpstreamLogin login;
    private final UpstreamVault vault;
    private final Clock clock;

    UpstreamProbe(UpstreamHttp http, UpstreamLogin login, UpstreamVault vault, Clock clock) {
        this.http = http;
        this.login = login;
        this.vault = vault;
        this.clock = clock;
    }

    Result test(Upstream u) {
        Optional<UpstreamSecrets> secrets = vault.openSecrets(u);
        if (secrets.isEmpty()) {
            return new Result(
                    false,
                    null,
                    Duration.ZERO,
                    "not_applicable",
                    "secrets_unavailable",
                    "The stored upstream secrets cannot be opened; save them again.");
        }
        if (u.auth() instanceof UpstreamAuth.Session session) {
            UpstreamLogin.Attempt a = login.login(u, session, secrets.get());
            if (a.ok()) {
                return new Result(true, a.status(), a.latency(), "ok", null, "The login worked.");
            }
            UpstreamLogin.Failure f =
                    a.failure() == null ? UpstreamLogin.Failure.NO_TOKEN : a.failure();
            return new Result(
                    a.status() != null,
                    a.status(),
                    a.latency(),
                    "failed",
                    f.wire(),
                    detail(f.wire()));
        }
        return get(u, secrets.get());
    }

    private Result get(Upstream u, UpstreamSecrets secrets) {
        UpstreamHttp.Target target = UpstreamHttp.Target.of(u.baseUrl());
        String path = target.basePath().isEmpty() ? "/" : target.basePath();
        BasicClassicHttpRequest request = new BasicClassicHttpRequest("GET", target.host(), path);
        switch (u.auth()) {
            case UpstreamAuth.Basic b ->
                    request.setHeader(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString(
                                                    (b.username() + ":" + secrets.password())
                                                            .getBytes(StandardCharsets.UTF_8)));
            case UpstreamAuth.Header h -> request.setHeader(h.name(), secrets.value());
            default -> {
                // none: nothing to add
            }
        }
        Instant start = clock.instant();
        try (CloseableHttpResponse response = http.execute(target, request, u.timeoutMs())) {
            int status = response.getCode();
            Duration latency = Duration.between(start, clock.instant());
            boolean refused =
                    (status == 401 || status == 403) && !(u.auth() instanceof UpstreamAuth.None);
            return refused
                    ? new Result(
                            true,
                            status,
                            latency,
                            "not_applicable",
                            "credentials_refused",
                            detail("credentials_refused"))
                    : new Result(
                            true,
                            status,
                            latency,
                            "not_applicable",
                            null,
                            "The upstream answered.");
        } catch (IOException e) {
            String reason = UpstreamHttp.failure(e).wire();
            return new Result(
                    false,
                    null,
                    Duration.between(start, clock.instant()),
                    "not_applicable",
                    reason,
                    detail(reason));
        }
    }

    /** The fixed sentence of each reason. */
    static String detail(String reason) {
        return switch (reason) {
            case "timeout" -> "The upstream did not answer within timeout_ms.";
            case "connection_refused" -> "The upstream refused the connection.";
            case "private_target" ->
                    "The upstream resolves to a private address, which this installation refuses.";
            case "dns_error", "unreachable" -> "The upstream could not be reached.";
            case "tls_error" -> "The TLS handshake with the upstream failed.";
            case "invalid_response", "login_error" -> "The upstream did not give a usable answer.";
            case "login_rejected" -> "The upstream refused the login; check the credentials.";
            case "token_missing" -> "The login answer has no token at token_pointer.";
            case "credentials_refused" -> "The upstream refused the credentials.";
            default -> "The upstream could not be used.";
        };
    }
}
