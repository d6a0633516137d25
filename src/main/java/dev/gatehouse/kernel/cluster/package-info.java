/** Coordination between nodes through PostgreSQL: cache invalidation by LISTEN/NOTIFY with acknowledgement. */
@NullMarked
package dev.gatehouse.kernel.cluster;

import org.jspecify.annotations.NullMarked;
