package dev.gatehouse.kernel.logging;

/**
 * The fixed set of components that get their own log file; the set is closed so the number of open
 * files is bounded. Anything outside {@code dev.gatehouse}'s product and kernel packages is {@link
 * #APP}.
 */
enum LogComponent {
    KERNEL("Kernel", "dev.gatehouse.kernel"),
    DOMAINS("Domains", "dev.gatehouse.domains"),
    GATEWAY("Gateway", "dev.gatehouse.gateway"),
    SYNC("Sync", "dev.gatehouse.erpsync"),
    LICENSING("Licensing", "dev.gatehouse.licensing"),
    PORTAL("Portal", "dev.gatehouse.portal"),
    APP("App", "");

    private final String fileStem;
    private final String packagePrefix;

    LogComponent(String fileStem, String packagePrefix) {
        this.fileStem = fileStem;
        this.packagePrefix = packagePrefix;
    }

    /** Name of this component's file inside a day folder, e.g. {@code Sync.log}. */
    String fileName() {
        return fileStem + ".log";
    }

    /** The component a logger belongs to, by package; never null. */
    static LogComponent of(String loggerName) {
        for (LogComponent c : values()) {
            if (c != APP && inPackage(loggerName, c.packagePrefix)) {
                return c;
            }
        }
        return APP;
    }

    private static boolean inPackage(String loggerName, String prefix) {
        return loggerName.startsWith(prefix)
                && (loggerName.length() == prefix.length()
                        || loggerName.charAt(prefix.length()) == '.');
    }
}
