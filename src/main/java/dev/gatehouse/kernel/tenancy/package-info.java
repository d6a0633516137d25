/**
 * Tenants, typed tenant ids, and the transactions that bind row-level security to one tenant or the
 * system scope.
 */
@NullMarked
@NamedInterface("tenancy")
package dev.gatehouse.kernel.tenancy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
