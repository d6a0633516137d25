package dev.gatehouse.kernel.logging;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A part of the application that gets its own log file: the loggers under {@code packagePrefix}
 * write to {@code <day>/<fileStem>.log}. The kernel has {@link #KERNEL} and {@link #APP}
 * (everything no component claims); a product declares its components in its {@code ProductModule}.
 * The set is closed once the node starts, so the number of open files is bounded.
 *
 * @param fileStem the file's name without {@code .log}, such as {@code Kernel} or {@code
 *     Sync-Payments}: capitalized words joined by hyphens, at most 32 characters
 * @param packagePrefix the package whose loggers (and sub-packages') belong here
 */
public record LogComponent(String fileStem, String packagePrefix) {

    private static final Pattern STEM =
            Pattern.compile("^(?=.{1,32}$)[A-Z][A-Za-z0-9]*(-[A-Z][A-Za-z0-9]*)*$");
    private static final Pattern PACKAGE =
            Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$");

    /** The kernel's own loggers. */
    public static final LogComponent KERNEL = new LogComponent("Kernel", "dev.gatehouse.kernel");

    /** Everything no other component claims: the boot class, libraries, the root logger. */
    public static final LogComponent APP = new LogComponent("App", "");

    public LogComponent {
        Objects.requireNonNull(fileStem, "fileStem");
        Objects.requireNonNull(packagePrefix, "packagePrefix");
        if (!STEM.matcher(fileStem).matches()) {
            throw new IllegalArgumentException(
                    "a log file stem must match " + STEM.pattern() + ", was " + fileStem);
        }
        if (!packagePrefix.isEmpty() && !PACKAGE.matcher(packagePrefix).matches()) {
            throw new IllegalArgumentException(
                    "a log component's package must be a Java package name, was " + packagePrefix);
        }
    }

    /** Name of this component's file inside a day folder, e.g. {@code Kernel.log}. */
    public String fileName() {
        return fileStem + ".log";
    }

    /** True when {@code loggerName} is this component's package or inside it. */
    boolean owns(String loggerName) {
        return !packagePrefix.isEmpty()
                && loggerName.startsWith(packagePrefix)
                && (loggerName.length() == packagePrefix.length()
                        || loggerName.charAt(packagePrefix.length()) == '.');
    }
}
