package dev.gatehouse.kernel.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.gatehouse.kernel.config.InvalidConfiguration;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.config.SettingsLoader;
import dev.gatehouse.testing.TestNode;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * E-mail against a real SMTP server (GreenMail) on loopback: sent with and without a login, a wrong
 * login or an unreachable server reported and never thrown, no SMTP configured logged once per
 * kind, and the settings' own checks.
 */
class MailerIT {

    @TempDir Path dir;

    GreenMail smtp;
    int port;
    ListAppender<ILoggingEvent> logged;

    @BeforeEach
    void start() {
        port = TestNode.freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger(Mailer.class)).addAppender(logged);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(Mailer.class)).detachAppender(logged);
        smtp.stop();
    }

    private Settings settings(Map<String, String> mail) {
        Map<String, String> env = new HashMap<>(mail);
        env.put("GATEHOUSE_DATA_DIR", dir.resolve("data").toString());
        env.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        env.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        return new SettingsLoader(new SecureRandom()).load(env, dir);
    }

    private Map<String, String> plain() {
        return Map.of(
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", Integer.toString(port),
                "SMTP_TLS", "none",
                "SMTP_FROM", "gatehouse@example.com",
                "MAIL_TIMEOUT_MS", "5000");
    }

    @Test
    void aNoticeArrivesAsPlainTextFromTheConfiguredSender() throws Exception {
        Mailer mailer = new Mailer(settings(plain()));

        Mailer.Outcome outcome =
                mailer.send(
                        "test-notice",
                        List.of("ops@example.com", "admin@example.com"),
                        "[Gatehouse] Notice ñ",
                        "Line one.\nLine two.\n");

        assertThat(outcome).isEqualTo(Mailer.Outcome.SENT);
        assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[Gatehouse] Notice ñ");
        assertThat(m.getFrom()[0].toString()).isEqualTo("gatehouse@example.com");
        assertThat(m.getAllRecipients()).hasSize(2);
        assertThat(((String) m.getContent()).replace("\r\n", "\n").strip())
                .isEqualTo("Line one.\nLine two.");
    }

    @Test
    void aLoginIsUsedAndAWrongOneIsReportedNotThrown() {
        smtp.setUser("gatehouse@example.com", "mailer", "right-password");
        Map<String, String> env = new HashMap<>(plain());
        env.put("SMTP_USER", "mailer");
        env.put("SMTP_PASSWORD", "right-password");
        assertThat(new Mailer(settings(env)).send("k", List.of("a@example.com"), "s", "t"))
                .isEqualTo(Mailer.Outcome.SENT);

        env.put("SMTP_PASSWORD", "wrong-password-SENTINEL");
        assertThat(new Mailer(settings(env)).send("k", List.of("a@example.com"), "s", "t"))
                .isEqualTo(Mailer.Outcome.FAILED);
        assertThat(logged.list).anyMatch(e -> e.getFormattedMessage().contains("not sent"));
        assertThat(logged.list)
                .noneMatch(e -> e.getFormattedMessage().contains("wrong-password-SENTINEL"));
    }

    @Test
    void anUnreachableServerIsReportedNotThrown() {
        Map<String, String> env = new HashMap<>(plain());
        env.put("SMTP_PORT", Integer.toString(TestNode.freePort()));
        assertThat(new Mailer(settings(env)).send("k", List.of("a@example.com"), "s", "t"))
                .isEqualTo(Mailer.Outcome.FAILED);
    }

    @Test
    void withoutSmtpEachKindIsLoggedOnceAsNotSent() {
        Mailer mailer = new Mailer(settings(Map.of()));
        for (int i = 0; i < 3; i++) {
            assertThat(mailer.send("license-invalid", List.of("a@example.com"), "s", "t"))
                    .isEqualTo(Mailer.Outcome.NOT_CONFIGURED);
        }
        mailer.send("lock-released", List.of("a@example.com"), "s", "t");
        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(l -> l.contains("not sent"))
                .hasSize(2)
                .anyMatch(l -> l.contains("license-invalid"))
                .anyMatch(l -> l.contains("lock-released"));
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void theSettingsAreCheckedTogether() {
        assertThatThrownBy(() -> settings(Map.of("SMTP_HOST", "smtp.example.com")))
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("SMTP_FROM");
        assertThatThrownBy(
                        () ->
                                settings(
                                        Map.of(
                                                "SMTP_TLS", "ssl",
                                                "SMTP_USER", "only-a-user")))
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("SMTP_TLS")
                .hasMessageContaining("SMTP_USER");
        Settings.Mail tls = settings(Map.of("SMTP_TLS", "tls")).mail();
        assertThat(tls.port()).isEqualTo(465);
        assertThat(settings(Map.of()).mail().port()).isEqualTo(587);
        assertThat(settings(Map.of()).mail().configured()).isFalse();
        Map<String, String> withPassword = new HashMap<>(plain());
        withPassword.put("SMTP_USER", "u");
        withPassword.put("SMTP_PASSWORD", "pw-SENTINEL");
        assertThat(settings(withPassword).mail().toString()).doesNotContain("pw-SENTINEL");
    }
}
