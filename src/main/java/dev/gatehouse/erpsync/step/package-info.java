/**
 * What a running step holds open (SQL statements, portal calls), so that a step that overruns
 * {@code STEP_TIMEOUT_MS} is really stopped: its statement cancelled and its HTTP exchange aborted,
 * not left running behind a timeout.
 */
@NamedInterface("step")
@NullMarked
package dev.gatehouse.erpsync.step;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
