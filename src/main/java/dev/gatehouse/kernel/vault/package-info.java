/**
 * Secrets at rest: root keys and their rings, sealing bound to a place, revealed secrets, and key
 * rotation.
 */
@NullMarked
@NamedInterface("vault")
package dev.gatehouse.kernel.vault;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
