package dev.gatehouse.kernel.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * A product's typed settings: a record read from the kernel's {@link SettingsReader} before Spring
 * starts, then offered by {@link Settings#section(Class)}. The reader records problems rather than
 * throwing, so {@code read} returns a value (with fallbacks) even when something was wrong; the
 * loader then refuses to start and lists every problem.
 *
 * @param type the record type, unique among the installed products
 * @param read builds the record; must not throw for bad input
 */
public record SettingsSection<T extends Record>(Class<T> type, Function<SettingsReader, T> read) {

    public SettingsSection {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(read, "read");
    }

    T readFrom(SettingsReader reader) {
        return Objects.requireNonNull(read.apply(reader), type.getSimpleName());
    }
}
