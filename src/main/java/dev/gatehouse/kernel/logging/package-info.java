/** Redacting JSON-lines log output to standard output and to optional daily per-component files. */
@NullMarked
package dev.gatehouse.kernel.logging;

import org.jspecify.annotations.NullMarked;
