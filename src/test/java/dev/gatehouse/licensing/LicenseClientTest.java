package dev.gatehouse.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The license client against a license server on loopback that answers what each test says: the
 * request it sends, and every way an answer is refused (shape, signature, time, status, host).
 */
class LicenseClientTest {

    static final String SECRET = "a-shared-secret-of-32-characters";
    static final String KEY = "lic+key&odd=chars";
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    HttpServer server;
    final List<String> queries = new CopyOnWriteArrayList<>();
    final List<String> accepts = new CopyOnWriteArrayList<>();
    volatile Supplier<String> answer = () -> "{}";
    volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/api/validate",
                exchange -> {
                    queries.add(exchange.getRequestURI().getRawQuery());
                    accepts.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept")));
                    byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    LicenseClient client(boolean allowPrivate) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new LicenseClient(
                new LicensingSettings(
                        Optional.of(url),
                        SECRET,
                        KEY,
                        allowPrivate,
                        Optional.empty(),
                        false,
                        false),
                CLOCK);
    }

    static String signed(boolean active, String expiresAt, long ts) {
        String sig = LicenseAnswer.sign(SECRET, active, expiresAt, ts);
        return active
                ? "{\"active\":true,\"expiresAt\":\""
                        + expiresAt
                        + "\",\"ts\":"
                        + ts
                        + ",\"sig\":\""
                        + sig
                        + "\"}"
                : "{\"active\":false,\"ts\":" + ts + ",\"sig\":\"" + sig + "\"}";
    }

    @Test
    void aSignedFreshActiveAnswerIsValidAndTheKeyIsSentEncoded() {
        answer = () -> signed(true, "2027-01-31T00:00:00.000Z", NOW.toEpochMilli());

        LicenseCheck check = client(true).ask();

        assertThat(check).isEqualTo(new LicenseCheck.Active(Instant.parse("2027-01-31T00:00:00Z")));
        assertThat(queries).containsExactly("key=lic%2Bkey%26odd%3Dchars");
        assertThat(accepts).containsExactly("application/json");
    }

    @Test
    void aSignedFreshInactiveAnswerIsInactive() {
        answer = () -> signed(false, null, NOW.toEpochMilli());
        assertThat(client(true).ask()).isInstanceOf(LicenseCheck.Inactive.class);
    }

    @Test
    void staleFutureTamperedReorderedOrMistypedAnswersAreErrors() {
        long ts = NOW.toEpochMilli();
        String good = signed(true, "2027-01-31T00:00:00.000Z", ts);
        LicenseClient client = client(true);

        assertThat(failure(client, signed(true, "2027-01-31T00:00:00.000Z", ts - 301_000)))
                .contains("stale");
        assertThat(failure(client, signed(true, "2027-01-31T00:00:00.000Z", ts - 299_000)))
                .isNull();
        assertThat(failure(client, signed(true, "2027-01-31T00:00:00.000Z", ts + 61_000)))
                .contains("ahead");
        assertThat(failure(client, good.replace("2027-01-31", "2099-01-31")))
                .contains("not signed");
        String reorderedSig =
                hmacOf(
                        "{\"ts\":"
                                + ts
                                + ",\"active\":true,\"expiresAt\":\"2027-01-31T00:00:00.000Z\"}");
        assertThat(
                        failure(
                                client,
                                "{\"active\":true,\"expiresAt\":\"2027-01-31T00:00:00.000Z\",\"ts\":"
                                        + ts
                                        + ",\"sig\":\""
                                        + reorderedSig
                                        + "\"}"))
                .as("signed over another key order")
                .contains("not signed");
        assertThat(failure(client, good.replace("\"active\":true", "\"active\":\"true\"")))
                .contains("shape");
        assertThat(failure(client, good.replace(",\"sig\":", ",\"sog\":"))).contains("shape");
        assertThat(failure(client, "[]")).contains("shape");
        assertThat(failure(client, "not json")).contains("shape");
        assertThat(failure(client, "{\"active\":true,\"ts\":1.5,\"sig\":\"00\"}"))
                .contains("shape");
    }

    @Test
    void anHttpErrorIsAnErrorAndNothingSecretIsInAnyReason() {
        status = 500;
        answer = () -> "oops";
        LicenseCheck check = client(true).ask();
        assertThat(check).isInstanceOf(LicenseCheck.Failed.class);
        assertThat(((LicenseCheck.Failed) check).reason())
                .contains("HTTP 500")
                .doesNotContain(KEY, SECRET, "lic%2Bkey");
    }

    @Test
    void aLicenseServerOnAPrivateAddressIsRefusedUnlessAllowed() {
        answer = () -> signed(true, "2027-01-31T00:00:00.000Z", NOW.toEpochMilli());

        LicenseCheck refused = client(false).ask();

        assertThat(refused).isInstanceOf(LicenseCheck.Failed.class);
        assertThat(((LicenseCheck.Failed) refused).reason())
                .contains("private address", "LICENSE_ALLOW_PRIVATE_HOST");
        assertThat(queries).as("the server was never called").isEmpty();
        assertThat(client(true).ask()).isInstanceOf(LicenseCheck.Active.class);
    }

    @Test
    void withoutSettingsNothingIsAskedAndTheLicenseIsInactive() {
        LicenseClient unconfigured =
                new LicenseClient(
                        new LicensingSettings(
                                Optional.empty(),
                                null,
                                null,
                                false,
                                Optional.empty(),
                                false,
                                false),
                        CLOCK);
        LicenseCheck check = unconfigured.ask();
        assertThat(check).isInstanceOf(LicenseCheck.Inactive.class);
        assertThat(((LicenseCheck.Inactive) check).reason()).contains("not configured");
        assertThat(queries).isEmpty();
    }

    private String failure(LicenseClient client, String body) {
        answer = () -> body;
        LicenseCheck check = client.ask();
        return check instanceof LicenseCheck.Failed f ? f.reason() : null;
    }

    private static String hmacOf(String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(
                    new javax.crypto.spec.SecretKeySpec(
                            SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of()
                    .formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
