package dev.gatehouse.domains.ask;

import org.springframework.stereotype.Component;

import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.cluster.InvalidationHandler;

/**
 * The node-local cache behind {@code /internal/ask}. Whoever changes whether a hostname is live
 * calls {@link #changed} inside that transaction; every node forgets the hostname when it commits.
 */
@Component
public class LiveHostnames implements InvalidationHandler {

    static final String TOPIC = "domains_ask";

    private final ClusterInvalidations cluster;

    LiveHostnames(ClusterInvalidations cluster) {
        this.cluster = cluster;
    }

    /** The hostname's answer may change when the current transaction commits: forget it on every node. */
    public void changed(String hostname) {
        cluster.publish(TOPIC, hostname);
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void evict(String key) {
        // The cache lands with the ask endpoint.
    }

    @Override
    public void evictAll() {
        // The cache lands with the ask endpoint.
    }
}
