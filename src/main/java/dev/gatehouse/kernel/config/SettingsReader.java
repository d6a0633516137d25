package dev.gatehouse.kernel.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Named string settings being read into typed values, as a product's settings section sees them.
 * Every accessor records the problems it finds instead of throwing, so the loader reports every
 * problem of the kernel and of every product at once ({@code [CONFIG ERROR] NAME: reason}, exit 1).
 * Blank values count as unset. Integers are strict: {@code "10"} is ten; {@code "10.0"}, {@code
 * "ten"} and out-of-range values are problems, never silently the default. Every name read is
 * remembered, so {@code .env.example} is checked to document it.
 */
public interface SettingsReader {

    /** True when {@code GATEHOUSE_ENV=production}. */
    boolean production();

    Optional<String> optional(String name);

    String string(String name, String fallback);

    int integer(String name, int fallback, int min, int max);

    long longValue(String name, long fallback, long min, long max);

    /**
     * A duration written as a whole number and a unit: {@code 90s}, {@code 30m}, {@code 72h},
     * {@code 3d}. Anything else, or a value outside {@code [min, max]}, is a problem.
     */
    Duration duration(String name, Duration fallback, Duration min, Duration max);

    boolean bool(String name, boolean fallback);

    /** A comma-separated list, each entry stripped, empty entries dropped. */
    List<String> list(String name);

    /** Records a problem of {@code name}; {@code reason} must not quote a secret's value. */
    void problem(String name, String reason);
}
