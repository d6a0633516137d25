/**
 * Coordination between nodes through PostgreSQL: cache invalidation by LISTEN/NOTIFY with
 * acknowledgement.
 */
@NullMarked
@NamedInterface("cluster")
package dev.gatehouse.kernel.cluster;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
