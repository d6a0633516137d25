package dev.gatehouse.kernel.config;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Named string settings being read into typed values. Every accessor records the problems it finds
 * instead of throwing, so the caller can report all of them at once. Blank values count as unset.
 * Integers are strict: {@code "10"} is ten; {@code "10.0"}, {@code "ten"}, {@code "0"} where the
 * range starts at 1, and out-of-range values are problems, never silently the default.
 *
 * <p>Not thread-safe; one instance per load.
 */
final class RawSettings implements SettingsReader {

    private final Map<String, String> values;
    private final boolean production;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> namesRead = new LinkedHashSet<>();

    RawSettings(Map<String, String> values) {
        this(values, false);
    }

    RawSettings(Map<String, String> values, boolean production) {
        this.values = Map.copyOf(values);
        this.production = production;
    }

    @Override
    public boolean production() {
        return production;
    }

    @Override
    public Optional<String> optional(String name) {
        namesRead.add(name);
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    @Override
    public String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    @Override
    public int integer(String name, int fallback, int min, int max) {
        return (int) longValue(name, fallback, min, max);
    }

    @Override
    public long longValue(String name, long fallback, long min, long max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            problem(
                    name,
                    "must be a whole number between "
                            + min
                            + " and "
                            + max
                            + ", was \""
                            + shorten(raw.get())
                            + "\"");
            return fallback;
        }
        if (parsed < min || parsed > max) {
            problem(name, "must be between " + min + " and " + max + ", was " + parsed);
            return fallback;
        }
        return parsed;
    }

    @Override
    public java.time.Duration duration(
            String name,
            java.time.Duration fallback,
            java.time.Duration min,
            java.time.Duration max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^(\\d{1,9})([smhd])$").matcher(raw.get());
        if (!m.matches()) {
            problem(
                    name,
                    "must be a number and a unit (s, m, h or d) such as 72h, was \""
                            + shorten(raw.get())
                            + "\"");
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        java.time.Duration parsed =
                switch (m.group(2)) {
                    case "s" -> java.time.Duration.ofSeconds(n);
                    case "m" -> java.time.Duration.ofMinutes(n);
                    case "h" -> java.time.Duration.ofHours(n);
                    default -> java.time.Duration.ofDays(n);
                };
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            problem(
                    name,
                    "must be between " + human(min) + " and " + human(max) + ", was " + raw.get());
            return fallback;
        }
        return parsed;
    }

    private static String human(java.time.Duration d) {
        if (d.toSeconds() % 86_400 == 0) {
            return d.toDays() + "d";
        }
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + "h";
        }
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }

    @Override
    public boolean bool(String name, boolean fallback) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> {
                problem(name, "must be true or false, was \"" + shorten(raw.get()) + "\"");
                yield fallback;
            }
        };
    }

    <E extends Enum<E>> E choice(
            String name, E fallback, Function<String, @Nullable E> parse, String allowed) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        E parsed = parse.apply(raw.get().toLowerCase(Locale.ROOT));
        if (parsed == null) {
            problem(name, "must be one of " + allowed + ", was \"" + shorten(raw.get()) + "\"");
            return fallback;
        }
        return parsed;
    }

    @Override
    public List<String> list(String name) {
        return optional(name)
                .map(
                        v ->
                                Arrays.stream(v.split(","))
                                        .map(String::strip)
                                        .filter(s -> !s.isEmpty())
                                        .toList())
                .orElse(List.of());
    }

    @Override
    public void problem(String name, String reason) {
        problems.add(new ConfigProblem(name, reason));
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    Set<String> namesRead() {
        return Set.copyOf(namesRead);
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
