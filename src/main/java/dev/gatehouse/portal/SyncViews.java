package dev.gatehouse.portal;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;

/** Small pieces of the SageConnect pages' text, shared by their templates. Pure. */
public final class SyncViews {

    private SyncViews() {}

    /** The badge class of a run's or step's status: green, amber or red. */
    public static String badge(String status) {
        return switch (status) {
            case "succeeded", "sent" -> "allow";
            case "queued", "running", "skipped", "sending" -> "wait";
            default -> "deny";
        };
    }

    /** How long from {@code start} to {@code end}, as {@code 1 min 05 s} or {@code 850 ms}. */
    public static String duration(@Nullable Instant start, @Nullable Instant end) {
        if (start == null || end == null) {
            return "";
        }
        Duration d = Duration.between(start, end);
        if (d.isNegative()) {
            return "";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + " ms";
        }
        if (d.compareTo(Duration.ofMinutes(1)) < 0) {
            return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        return String.format(
                java.util.Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }

    /** True when a run no longer changes. */
    public static boolean ended(String status) {
        return !status.equals("queued") && !status.equals("running");
    }
}
