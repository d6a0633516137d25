package dev.gatehouse.kernel.cluster;

import java.time.Duration;

/**
 * Timing of the invalidation protocol. Must hold: heartbeat &lt; trust window &lt; live window, so
 * that a node stops trusting its caches before the others stop waiting for it.
 *
 * @param heartbeat how often a node records it is alive
 * @param trustWindow how long after its last successful heartbeat a node still trusts its caches
 * @param liveWindow how long after its last heartbeat other nodes still wait for a node's
 *     acknowledgement
 * @param ackTimeout how long a publisher waits for acknowledgements
 */
public record ClusterSettings(
        Duration heartbeat, Duration trustWindow, Duration liveWindow, Duration ackTimeout) {

    public ClusterSettings {
        if (heartbeat.compareTo(trustWindow) >= 0 || trustWindow.compareTo(liveWindow) >= 0) {
            throw new IllegalArgumentException(
                    "need heartbeat < trustWindow < liveWindow, was "
                            + heartbeat
                            + ", "
                            + trustWindow
                            + ", "
                            + liveWindow);
        }
    }

    public static ClusterSettings defaults() {
        return new ClusterSettings(
                Duration.ofSeconds(1),
                Duration.ofSeconds(4),
                Duration.ofSeconds(10),
                Duration.ofSeconds(3));
    }
}
