package dev.gatehouse.licensing;

import dev.gatehouse.kernel.web.RestrictedAddresses;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Asks the license server once: {@code GET {LICENSE_API_URL}/api/validate?key=…} (the key
 * URL-encoded), 10 seconds at most, and checks the answer: JSON of the documented shape with strict
 * types, a signature made with {@code HMAC_SECRET} ({@link LicenseAnswer}), and a server time at
 * most 5 minutes old and 60 seconds ahead.
 *
 * <p>Before each call the host is resolved; a loopback, private, link-local or otherwise non-public
 * address refuses the call unless {@code LICENSE_ALLOW_PRIVATE_HOST} is set (an on-premises license
 * server). The connection then resolves the name again: the check catches a misconfigured or
 * spoofed name, and the signature is what makes an answer trustworthy.
 *
 * <p>Reasons are sentences for operators; none carries the key, the secret or the signature.
 * Thread-safe.
 */
final class LicenseClient {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration MAX_AHEAD = Duration.ofSeconds(60);

    /** Larger answers are not read: the real one is under 200 bytes. */
    static final int MAX_ANSWER_BYTES = 16 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LicensingSettings settings;
    private final Clock clock;
    private final HttpClient http;

    LicenseClient(LicensingSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    LicenseCheck ask() {
        URI base = settings.apiUrl().orElse(null);
        String secret = settings.hmacSecret();
        String key = settings.licenseKey();
        if (base == null || secret == null || key == null) {
            return new LicenseCheck.Inactive(
                    "not configured: set LICENSE_API_URL, HMAC_SECRET and SAGECONNECT_API_KEY");
        }
        String host = base.getHost();
        String refused = refusedHost(host);
        if (refused != null) {
            return new LicenseCheck.Failed(refused);
        }
        URI uri =
                URI.create(
                        stripSlash(base.toString())
                                + "/api/validate?key="
                                + URLEncoder.encode(key, StandardCharsets.UTF_8));
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(TIMEOUT)
                        .header("Accept", "application/json")
                        .GET()
                        .build();
        byte[] body;
        int status;
        try {
            HttpResponse<InputStream> response =
                    http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
        } catch (HttpTimeoutException e) {
            return new LicenseCheck.Failed(
                    "the license server "
                            + host
                            + " did not answer within "
                            + TIMEOUT.toSeconds()
                            + " s");
        } catch (IOException e) {
            return new LicenseCheck.Failed(
                    "the license server "
                            + host
                            + " could not be reached ("
                            + e.getClass().getSimpleName()
                            + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LicenseCheck.Failed("the license check was interrupted");
        }
        if (status != 200) {
            return new LicenseCheck.Failed("the license server answered HTTP " + status);
        }
        if (body.length > MAX_ANSWER_BYTES) {
            return new LicenseCheck.Failed("the license server's answer is too large");
        }
        return judge(body, secret);
    }

    /** Releases the HTTP client's selector thread. */
    void close() {
        http.shutdownNow();
    }

    /** Checks one answer's shape, signature and time. */
    LicenseCheck judge(byte[] body, String secret) {
        LicenseAnswer answer;
        try {
            answer = parse(JSON.readTree(body));
        } catch (JacksonException | IllegalArgumentException e) {
            return new LicenseCheck.Failed(
                    "the license server's answer is not of the expected shape");
        }
        if (answer == null) {
            return new LicenseCheck.Failed(
                    "the license server's answer is not of the expected shape");
        }
        if (!answer.signedWith(secret)) {
            return new LicenseCheck.Failed(
                    "the license server's answer is not signed with this installation's"
                            + " HMAC_SECRET");
        }
        Instant now = clock.instant();
        Instant ts = Instant.ofEpochMilli(answer.ts());
        if (ts.isBefore(now.minus(MAX_AGE))) {
            return new LicenseCheck.Failed("the license server's answer is stale (ts " + ts + ")");
        }
        if (ts.isAfter(now.plus(MAX_AHEAD))) {
            return new LicenseCheck.Failed(
                    "the license server's clock is ahead of this one by more than 60 s (ts "
                            + ts
                            + ")");
        }
        if (!answer.active()) {
            return new LicenseCheck.Inactive("the license server says this license is not active");
        }
        Instant expiry;
        try {
            expiry = answer.expiry();
        } catch (DateTimeParseException e) {
            return new LicenseCheck.Failed("the license server's expiresAt is not a date-time");
        }
        return new LicenseCheck.Active(expiry);
    }

    private static @Nullable LicenseAnswer parse(JsonNode tree) {
        if (!tree.isObject()) {
            return null;
        }
        JsonNode active = tree.get("active");
        JsonNode ts = tree.get("ts");
        JsonNode sig = tree.get("sig");
        JsonNode expiresAt = tree.get("expiresAt");
        if (active == null
                || !active.isBoolean()
                || ts == null
                || !ts.isIntegralNumber()
                || !ts.canConvertToLong()
                || sig == null
                || !sig.isString()) {
            return null;
        }
        String expiry = null;
        if (expiresAt != null && !expiresAt.isNull()) {
            if (!expiresAt.isString()) {
                return null;
            }
            expiry = expiresAt.asString();
        }
        return new LicenseAnswer(active.asBoolean(), expiry, ts.asLong(), sig.asString());
    }

    private @Nullable String refusedHost(String host) {
        if (settings.allowPrivateHost()) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (RestrictedAddresses.restricted(address)) {
                    return "the license server "
                            + host
                            + " resolves to a private address ("
                            + address.getHostAddress()
                            + "); set LICENSE_ALLOW_PRIVATE_HOST=true for an on-premises server";
                }
            }
        } catch (UnknownHostException e) {
            return "the license server's name " + host + " does not resolve";
        }
        return null;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
