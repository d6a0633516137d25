package dev.gatehouse.kernel.mail;

import dev.gatehouse.kernel.config.Settings;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends plain-text notices over SMTP as configured ({@link Settings.Mail}), with connect, read and
 * write timeouts; {@code starttls} is required, never opportunistic. Without {@code SMTP_HOST}
 * nothing is sent and each kind of e-mail is logged once as not sent, never as an error loop. A
 * failed send is logged (the kind and the failure's class and message) and reported, never thrown:
 * a notice must not break what it reports on. Thread-safe.
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    /** The longest subject sent; longer ones are cut. */
    static final int MAX_SUBJECT = 200;

    private final Settings.Mail settings;
    private final @Nullable JavaMailSenderImpl sender;
    private final Set<String> reportedUnsent = ConcurrentHashMap.newKeySet();

    public Mailer(Settings settings) {
        this.settings = settings.mail();
        this.sender = this.settings.configured() ? sender(this.settings) : null;
    }

    /** What became of one e-mail. */
    public enum Outcome {
        SENT,
        NOT_CONFIGURED,
        FAILED
    }

    /**
     * Sends {@code text} to {@code to}; {@code kind} names the notice in logs ({@code
     * license-invalid}, say). Blocks for at most the configured timeouts.
     */
    public Outcome send(String kind, List<String> to, String subject, String text) {
        if (sender == null || settings.from() == null) {
            if (reportedUnsent.add(kind)) {
                log.info(
                        "E-mail \"{}\" not sent: no SMTP_HOST is configured (logged once per kind)",
                        kind);
            }
            return Outcome.NOT_CONFIGURED;
        }
        if (to.isEmpty()) {
            return Outcome.NOT_CONFIGURED;
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper =
                    new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(settings.from()));
            helper.setTo(to.toArray(String[]::new));
            helper.setSubject(
                    subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject);
            helper.setText(text, false);
            sender.send(message);
            log.info("E-mail \"{}\" sent to {} recipient(s)", kind, to.size());
            return Outcome.SENT;
        } catch (MailException | jakarta.mail.MessagingException e) {
            log.warn(
                    "E-mail \"{}\" not sent: {}: {}",
                    kind,
                    e.getClass().getSimpleName(),
                    e.getMessage());
            return Outcome.FAILED;
        }
    }

    /** Sends on a thread of its own; the caller does not wait. */
    public void sendLater(String kind, List<String> to, String subject, String text) {
        Thread.ofVirtual().name("mail-" + kind).start(() -> send(kind, to, subject, text));
    }

    private static JavaMailSenderImpl sender(Settings.Mail mail) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(mail.host());
        sender.setPort(mail.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        boolean tls = mail.tls() == Settings.Mail.Tls.TLS;
        sender.setProtocol(tls ? "smtps" : "smtp");
        String prefix = "mail." + (tls ? "smtps" : "smtp") + ".";
        Properties p = sender.getJavaMailProperties();
        String millis = Long.toString(mail.timeout().toMillis());
        p.setProperty(prefix + "connectiontimeout", millis);
        p.setProperty(prefix + "timeout", millis);
        p.setProperty(prefix + "writetimeout", millis);
        if (mail.tls() == Settings.Mail.Tls.STARTTLS) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (mail.tls() != Settings.Mail.Tls.NONE) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        if (mail.user() != null) {
            sender.setUsername(mail.user());
            sender.setPassword(mail.password());
            p.setProperty(prefix + "auth", "true");
        }
        return sender;
    }
}
