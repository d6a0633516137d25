package dev.gatehouse.kernel.cluster;

/**
 * A node-local cache that other nodes can invalidate. Register one as a bean per topic; the {@link
 * ClusterInvalidations} listener calls it for every invalidation published on its topic, on every
 * node, and {@link #evictAll()} whenever the node may have missed one.
 */
public interface InvalidationHandler {

    /** A short name, such as {@code api_keys}; no {@code |} characters. */
    String topic();

    void evict(String key);

    void evictAll();
}
