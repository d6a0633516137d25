package dev.gatehouse.kernel.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;

import dev.gatehouse.kernel.redaction.Redaction;

import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

/**
 * Encodes each event as one JSON object on one line: {@code ts} (RFC 3339, UTC, milliseconds),
 * {@code level}, {@code logger}, {@code thread}, {@code msg}, {@code ref} (MDC {@code ref}, when
 * present), the other MDC entries and key-value pairs as top-level fields (prefixed {@code mdc.}
 * when they would clash with a fixed field), and {@code error} ({@code type}, {@code message},
 * {@code stack}) when the event carries a throwable.
 *
 * <p>Every string that may carry user text passes through {@link LogText#safe} (length caps, then
 * {@link Redaction#maskSecrets}) before it is written, stack traces line by line, and values under
 * secret-sounding keys are replaced whole, so a careless log call leaks no secret. Escaping is
 * Jackson's. Thread-safe: each call uses its own generator.
 */
public final class RedactingJsonEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    private static final String REF = "ref";
    private static final Set<String> FIXED =
            Set.of("ts", "level", "logger", "thread", "msg", REF, "error");

    @Override
    public byte @Nullable [] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return (toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte @Nullable [] footerBytes() {
        return null;
    }

    /** The event as one JSON object without a line break; secrets already masked. */
    String toJson(ILoggingEvent event) {
        var out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("ts", TS.format(event.getInstant()));
            json.writeStringProperty("level", event.getLevel().toString());
            json.writeStringProperty("logger", event.getLoggerName());
            json.writeStringProperty("thread", masked(event.getThreadName()));
            json.writeStringProperty("msg", masked(event.getFormattedMessage()));
            writeContext(json, event);
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                writeError(json, error);
            }
            json.writeEndObject();
        }
        return out.toString();
    }

    private static void writeContext(JsonGenerator json, ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        String ref = mdc.get(REF);
        if (ref != null) {
            json.writeStringProperty(REF, masked(ref));
        }
        mdc.forEach(
                (key, value) -> {
                    if (!REF.equals(key)) {
                        writeField(json, key, value);
                    }
                });
        var pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                writeField(json, pair.key, pair.value == null ? null : String.valueOf(pair.value));
            }
        }
    }

    private static void writeField(JsonGenerator json, String key, @Nullable String value) {
        String name = FIXED.contains(key) ? "mdc." + key : key;
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeStringProperty(
                    name, Redaction.isSecretName(key) ? Redaction.MASK : masked(value));
        }
    }

    private static void writeError(JsonGenerator json, IThrowableProxy error) {
        json.writeObjectPropertyStart("error");
        json.writeStringProperty("type", error.getClassName());
        if (error.getMessage() != null) {
            json.writeStringProperty("message", masked(error.getMessage()));
        }
        json.writeStringProperty("stack", maskedLines(ThrowableProxyUtil.asString(error)));
        json.writeEndObject();
    }

    private static String masked(@Nullable String text) {
        return text == null ? "" : LogText.safe(text);
    }

    private static String maskedLines(String text) {
        var sb = new StringBuilder(text.length());
        text.lines().forEach(line -> sb.append(LogText.safe(line)).append('\n'));
        return sb.toString().stripTrailing();
    }
}
