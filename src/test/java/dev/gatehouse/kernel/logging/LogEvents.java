package dev.gatehouse.kernel.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Map;

/** Object mother for Logback events built without a running logging system. */
final class LogEvents {

    static final LoggerContext CONTEXT = new LoggerContext();
    static final Instant NOON = Instant.parse("2026-11-25T12:00:00.123Z");

    private LogEvents() {}

    static LoggingEvent event(String logger, String message, Object... args) {
        return event(logger, NOON, null, Map.of(), message, args);
    }

    static LoggingEvent event(String logger, Instant at, String message) {
        return event(logger, at, null, Map.of(), message);
    }

    static LoggingEvent event(
            String logger,
            Instant at,
            @Nullable Throwable error,
            Map<String, String> mdc,
            String message,
            Object... args) {
        var event =
                new LoggingEvent(
                        "test", CONTEXT.getLogger(logger), Level.INFO, message, error, args);
        event.setInstant(at);
        event.setThreadName("worker-1");
        event.setMDCPropertyMap(mdc);
        return event;
    }
}
