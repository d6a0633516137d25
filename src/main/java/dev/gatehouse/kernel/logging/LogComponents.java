package dev.gatehouse.kernel.logging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The closed set of log components of a node: the kernel's, the installed products', and {@link
 * LogComponent#APP} for the rest. A logger belongs to the component with the longest package prefix
 * that contains it. Immutable and thread-safe.
 */
final class LogComponents {

    private final List<LogComponent> byLongestPrefix;

    private LogComponents(List<LogComponent> components) {
        this.byLongestPrefix =
                components.stream()
                        .sorted(
                                Comparator.comparingInt(
                                                (LogComponent c) -> c.packagePrefix().length())
                                        .reversed())
                        .toList();
    }

    /** The kernel's components plus {@code declared}. */
    static LogComponents of(List<LogComponent> declared) {
        List<LogComponent> all = new ArrayList<>();
        all.add(LogComponent.KERNEL);
        all.addAll(declared);
        return new LogComponents(all);
    }

    /** The component a logger belongs to; {@link LogComponent#APP} when no other claims it. */
    LogComponent of(String loggerName) {
        for (LogComponent c : byLongestPrefix) {
            if (c.owns(loggerName)) {
                return c;
            }
        }
        return LogComponent.APP;
    }

    /** How many files a day can have at most. */
    int size() {
        return byLongestPrefix.size() + 1;
    }
}
