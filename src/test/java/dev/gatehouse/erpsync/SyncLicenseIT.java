package dev.gatehouse.erpsync;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import dev.gatehouse.licensing.License;
import dev.gatehouse.licensing.LicenseState;
import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SageConnect license on a real node, against a license server on loopback (allowed with {@code
 * LICENSE_ALLOW_PRIVATE_HOST}): checked at start-up without holding the start, shown by {@code GET
 * /v1/sync/license} to callers with {@code sync:read} only, revoked and blocked with one {@code
 * [LICENSE]} line per change, and the HMAC secret and license key in no answer or log line.
 */
class SyncLicenseIT {

    static final String SECRET = "license-hmac-secret-SENTINEL-71c2";
    static final String KEY = "license-key-SENTINEL-5d0e";

    /** The license server's own clock: another machine's, not the node's. */
    static final Clock SERVER_CLOCK = Clock.systemUTC();

    static HttpServer licenseServer;
    static GreenMail smtp;
    static volatile boolean active = true;
    static TestNode node;
    static CapturedLogs logs;
    static Path logDir;

    @BeforeAll
    static void start() throws IOException {
        licenseServer =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        licenseServer.createContext(
                "/api/validate",
                exchange -> {
                    byte[] body = answer().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        licenseServer.start();
        int smtpPort = TestNode.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        logDir = Files.createTempDirectory("gatehouse-license-logs");
        CapturedLogs.letTheNextNodeConfigureLogging();
        node =
                TestNode.start(
                        Map.of(
                                "LICENSE_API_URL",
                                "http://127.0.0.1:" + licenseServer.getAddress().getPort(),
                                "HMAC_SECRET",
                                SECRET,
                                "SAGECONNECT_API_KEY",
                                KEY,
                                "LICENSE_ALLOW_PRIVATE_HOST",
                                "true",
                                "LICENSE_ADMIN_EMAIL",
                                "licenses@example.com",
                                "SMTP_HOST",
                                "127.0.0.1",
                                "SMTP_PORT",
                                Integer.toString(smtpPort),
                                "SMTP_TLS",
                                "none",
                                "SMTP_FROM",
                                "gatehouse@example.com",
                                "LOG_PATH",
                                logDir.toString()));
        logs = CapturedLogs.start();
    }

    @AfterAll
    static void stop() {
        node.close();
        logs.close();
        licenseServer.stop(0);
        smtp.stop();
    }

    /** What the original license server answers, signed over its exact JSON text. */
    static String answer() {
        long ts = SERVER_CLOCK.millis();
        String text =
                active
                        ? "{\"active\":true,\"expiresAt\":\"2099-01-31T00:00:00.000Z\",\"ts\":"
                                + ts
                                + "}"
                        : "{\"active\":false,\"ts\":" + ts + "}";
        String sig;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            sig = HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return text.substring(0, text.length() - 1) + ",\"sig\":\"" + sig + "\"}";
    }

    @Test
    void theLicenseIsCheckedAtStartShownToSyncReadersAndBlockedOnceWhenRevoked() throws Exception {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String reader = Tenancy.newKey(node, tenant, List.of("sync:read"))[1];
        String other = Tenancy.newKey(node, tenant, List.of("gateway:read"))[1];

        JsonNode license = awaitState(reader, "VALID");
        assertThat(license.get("sync_allowed").asBoolean()).isTrue();
        assertThat(license.get("in_grace").asBoolean()).isFalse();
        assertThat(license.get("expires_at").asString()).isEqualTo("2099-01-31T00:00:00Z");
        assertThat(license.get("reason").isNull()).isTrue();
        assertThat(Instant.parse(license.get("last_checked_at").asString()))
                .isAfter(node.bean(Clock.class).instant().minus(Duration.ofMinutes(5)));
        assertProblem(node.http().get("/v1/sync/license", other), 403, "forbidden");
        assertThat(node.http().get("/v1/sync/license", null).status()).isEqualTo(401);

        active = false;
        License bean = node.bean(License.class);
        assertThat(bean.check().state()).isEqualTo(LicenseState.INVALID);
        assertThat(bean.check().state()).isEqualTo(LicenseState.INVALID);
        assertThat(bean.syncAllowed()).isFalse();
        JsonNode revoked = node.http().get("/v1/sync/license", reader).json();
        assertThat(revoked.get("state").asString()).isEqualTo("INVALID");
        assertThat(revoked.get("sync_allowed").asBoolean()).isFalse();
        assertThat(revoked.get("reason").asString()).contains("not active");
        assertThat(logs.events().stream().filter(l -> l.contains("[LICENSE] Sync blocked")))
                .as("one line per change into INVALID, not one per check")
                .hasSize(1);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        Thread.sleep(500); // a second e-mail, if one were wrongly sent, would be here by now
        assertThat(smtp.getReceivedMessages()).as("one e-mail per change into INVALID").hasSize(1);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("licenses@example.com");
        assertThat(mail.getSubject()).contains("SageConnect license invalid");
        assertThat((String) mail.getContent()).contains("not active").doesNotContain("SENTINEL");

        active = true;
        assertThat(bean.check().state()).isEqualTo(LicenseState.VALID);

        List<String> material = new ArrayList<>(logs.events());
        material.addAll(logs.consoleLines());
        material.addAll(CapturedLogs.filesUnder(logDir));
        material.add(node.http().get("/v1/sync/license", reader).body());
        material.add(node.management().get("/metrics", null).body());
        assertThat(material).noneMatch(l -> l.contains("SENTINEL"));
    }

    private static JsonNode awaitState(String key, String state) throws InterruptedException {
        Http.Response r = node.http().get("/v1/sync/license", key);
        for (int i = 0; i < 100 && !r.json().get("state").asString().equals(state); i++) {
            Thread.sleep(100);
            r = node.http().get("/v1/sync/license", key);
        }
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("state").asString()).isEqualTo(state);
        return r.json();
    }
}
