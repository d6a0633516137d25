package dev.gatehouse.erpsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.gatehouse.testing.TestNode;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * A license server that never answers at start-up: after the retries at 1, 2 and 4 s the sync is
 * blocked, the administrator is e-mailed once, and the rest of Gatehouse runs.
 */
class LicenseStartupIT {

    @Test
    void aLicenseThatCannotBeValidatedAtStartUpIsMailedToTheAdministrator() throws Exception {
        int smtpPort = TestNode.freePort();
        GreenMail smtp =
                new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (TestNode node =
                TestNode.start(
                        Map.of(
                                "LICENSE_API_URL", "http://127.0.0.1:" + TestNode.freePort(),
                                "HMAC_SECRET", "startup-hmac-secret-0123456789",
                                "SAGECONNECT_API_KEY", "startup-key",
                                "LICENSE_ALLOW_PRIVATE_HOST", "true",
                                "LICENSE_ADMIN_EMAIL", "licenses@example.com",
                                "SMTP_HOST", "127.0.0.1",
                                "SMTP_PORT", Integer.toString(smtpPort),
                                "SMTP_TLS", "none",
                                "SMTP_FROM", "gatehouse@example.com"))) {
            assertThat(node.http().get("/v1/whoami", node.bootstrapAdminKey()).status())
                    .isEqualTo(200);
            assertThat(smtp.waitForIncomingEmail(20_000, 1)).isTrue();
            MimeMessage m = smtp.getReceivedMessages()[0];
            assertThat(m.getSubject())
                    .isEqualTo("[Gatehouse] SageConnect license validation failed on start-up");
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("licenses@example.com");
            assertThat(String.valueOf(m.getContent()))
                    .doesNotContain("startup-hmac-secret")
                    .doesNotContain("startup-key");
            assertThat(
                            node.http()
                                    .get("/v1/sync/license", node.bootstrapAdminKey())
                                    .json()
                                    .get("sync_allowed")
                                    .asBoolean())
                    .isFalse();
        } finally {
            smtp.stop();
        }
    }
}
