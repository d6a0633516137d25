/**
 * Outgoing e-mail over SMTP, configured from the environment ({@code SMTP_*}); products send
 * notices through {@link dev.gatehouse.kernel.mail.Mailer}.
 */
@NullMarked
@NamedInterface("mail")
package dev.gatehouse.kernel.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
