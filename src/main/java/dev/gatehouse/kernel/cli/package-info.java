/**
 * The command line of the same jar: serve, tenant create, operator-key create, vault rotate, audit
 * verify and prune.
 */
@NullMarked
@NamedInterface("cli")
package dev.gatehouse.kernel.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
