package dev.gatehouse.kernel.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import org.jspecify.annotations.Nullable;

/**
 * The console's encoder: {@code json} ({@link RedactingJsonEncoder}, the default, for production
 * and log collection) or {@code text} ({@link RedactingTextEncoder}, for a person at a terminal in
 * development), chosen by the {@code format} property that logback-spring.xml sets from {@code
 * gatehouse.log.console}. Both redact the same way.
 */
public final class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> delegate = new RedactingJsonEncoder();

    /** {@code json} or {@code text}; anything else is refused, so a typo cannot go unnoticed. */
    public void setFormat(String format) {
        delegate =
                switch (format.strip()) {
                    case "json", "" -> new RedactingJsonEncoder();
                    case "text" -> new RedactingTextEncoder();
                    default ->
                            throw new IllegalArgumentException(
                                    "console log format must be json or text, was \""
                                            + format
                                            + "\"");
                };
    }

    /** The encoder in use. */
    Encoder<ILoggingEvent> delegate() {
        return delegate;
    }

    @Override
    public byte @Nullable [] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte @Nullable [] footerBytes() {
        return delegate.footerBytes();
    }
}
