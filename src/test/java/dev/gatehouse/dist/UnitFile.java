package dev.gatehouse.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of a systemd unit file as written (section, key, value), for assertions on what the
 * file says; what systemd makes of it is asked of systemd itself.
 */
record UnitFile(List<Setting> settings) {

    static final Path SERVICE = Path.of("dist", "systemd", "gatehouse.service");

    record Setting(String section, String key, String value) {}

    static UnitFile read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static UnitFile parse(String text) {
        List<Setting> settings = new ArrayList<>();
        String section = "";
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a setting: " + line);
            }
            settings.add(
                    new Setting(
                            section,
                            line.substring(0, eq).strip(),
                            line.substring(eq + 1).strip()));
        }
        return new UnitFile(List.copyOf(settings));
    }

    /** Every value of {@code key} in {@code section}, in file order. */
    List<String> values(String section, String key) {
        return settings.stream()
                .filter(s -> s.section().equals(section) && s.key().equals(key))
                .map(Setting::value)
                .toList();
    }

    /** The one value of {@code key} in {@code section}; fails when it is missing or repeated. */
    String value(String section, String key) {
        List<String> values = values(section, key);
        if (values.size() != 1) {
            throw new AssertionError(
                    "[%s] %s is set %d times, expected once"
                            .formatted(section, key, values.size()));
        }
        return values.getFirst();
    }

    private static final Pattern SPAN = Pattern.compile("(\\d+)\\s*(ms|s|sec|min|h)?");

    /** A systemd time span of one number and unit, such as {@code 30s} or {@code 30min}. */
    static Duration span(String value) {
        Matcher m = SPAN.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a single-unit time span: " + value);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "sec" -> Duration.ofSeconds(n);
            case "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }
}
