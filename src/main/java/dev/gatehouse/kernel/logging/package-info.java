/**
 * Redacting JSON-lines log output to standard output and to optional daily per-component files;
 * products declare their components ({@link dev.gatehouse.kernel.logging.LogComponent}).
 */
@NullMarked
@NamedInterface("logging")
package dev.gatehouse.kernel.logging;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
