/**
 * The {@code ask} endpoint for on-demand TLS: which hostnames are live, answered from a
 * cluster-coherent cache.
 */
@NullMarked
package dev.gatehouse.domains.ask;

import org.jspecify.annotations.NullMarked;
