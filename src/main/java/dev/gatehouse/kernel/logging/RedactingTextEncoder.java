package dev.gatehouse.kernel.logging;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;

import dev.gatehouse.kernel.redaction.Redaction;

import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Encodes each event as one line for a person at a terminal, the development console: local time,
 * level, thread, abbreviated logger, message, then the MDC entries and key-value pairs as {@code
 * key=value}, and the stack trace of a throwable on the lines below.
 *
 * <p>The same redaction as {@link RedactingJsonEncoder}: every string passes through {@link
 * LogText#safe} and values under secret-sounding keys are replaced whole. Line breaks inside a
 * message are escaped, so one event is one line (a forged log line cannot be injected).
 * Thread-safe.
 */
public final class RedactingTextEncoder extends EncoderBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final TargetLengthBasedClassNameAbbreviator LOGGER =
            new TargetLengthBasedClassNameAbbreviator(36);

    @Override
    public byte @Nullable [] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return (toText(event) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte @Nullable [] footerBytes() {
        return null;
    }

    /** The event as text without a final line break; secrets already masked. */
    String toText(ILoggingEvent event) {
        var line = new StringBuilder(160);
        line.append(TIME.format(event.getInstant()))
                .append(' ')
                .append(String.format("%-5s", event.getLevel()))
                .append(" [")
                .append(oneLine(event.getThreadName()))
                .append("] ")
                .append(LOGGER.abbreviate(event.getLoggerName()))
                .append(": ")
                .append(oneLine(event.getFormattedMessage()));
        event.getMDCPropertyMap().forEach((key, value) -> appendField(line, key, value));
        var pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                appendField(line, pair.key, pair.value == null ? null : String.valueOf(pair.value));
            }
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            // Every stack line starts with a tab, so none can pass for an event of its own.
            ThrowableProxyUtil.asString(error)
                    .lines()
                    .map(l -> l.startsWith("\t") ? l : "\t" + l)
                    .forEach(l -> line.append('\n').append(LogText.safe(l)));
        }
        return line.toString();
    }

    private static void appendField(StringBuilder line, String key, @Nullable String value) {
        line.append(' ').append(oneLine(key)).append('=');
        if (value == null) {
            line.append("null");
        } else {
            line.append(Redaction.isSecretName(key) ? Redaction.MASK : oneLine(value));
        }
    }

    private static String oneLine(@Nullable String text) {
        return text == null ? "" : LogText.safe(text).replace("\r", "\\r").replace("\n", "\\n");
    }
}
