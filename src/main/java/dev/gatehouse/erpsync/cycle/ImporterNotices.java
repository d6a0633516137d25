package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.kernel.mail.Mailer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The importer's e-mails: its stderr to the company's {@code mail_recipients} in one grouped
 * message per run (SageConnect sent one per chunk), and its timeout to {@code LICENSE_ADMIN_EMAIL}.
 * Without recipients or SMTP, the kernel's mailer logs them as not sent.
 */
final class ImporterNotices {

    private static final Logger log = LoggerFactory.getLogger(ImporterNotices.class);

    private final Mailer mailer;
    private final Optional<String> adminEmail;

    ImporterNotices(Mailer mailer, Optional<String> adminEmail) {
        this.mailer = mailer;
        this.adminEmail = adminEmail;
    }

    void stderr(Company company, List<String> lines) {
        List<String> to = company.config().mailRecipients();
        if (to.isEmpty()) {
            log.info(
                    "[OPERATOR-EMAIL] not sent (importer stderr of {}): the company has no"
                            + " mail_recipients",
                    company.publicId());
            return;
        }
        mailer.sendLater(
                "sync-importer-stderr",
                to,
                company.name() + " - Error en el proceso de importación",
                "The importer of "
                        + company.name()
                        + " ("
                        + company.publicId()
                        + ") wrote to its error output:\n\n"
                        + String.join("\n", lines));
    }

    void timedOut(Company company, Path program, Duration after, long pid) {
        String subject =
                "[SageConnect] Child process timeout: "
                        + program.getFileName()
                        + " killed después de "
                        + after.toSeconds()
                        + "s";
        String text =
                "The importer of "
                        + company.publicId()
                        + " (PID "
                        + pid
                        + ") ran longer than CHILD_PROCESS_TIMEOUT_MS and was stopped; its"
                        + " process tree was killed.";
        log.warn(
                "[TIMEOUT] step=startChildProcess tenant={} durationMs={}"
                        + " action=admin-email-dispatched",
                company.publicId(),
                after.toMillis());
        adminEmail.ifPresentOrElse(
                a -> mailer.sendLater("sync-importer-timeout", List.of(a), subject, text),
                () ->
                        log.info(
                                "[ADMIN-EMAIL] not sent (importer timeout): LICENSE_ADMIN_EMAIL is"
                                        + " not set"));
    }
}
