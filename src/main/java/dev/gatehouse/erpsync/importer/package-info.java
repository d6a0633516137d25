/**
 * The importer (Focaltec's {@code ImportaFacturasFocaltec.exe} on Windows, any program elsewhere)
 * run once per cycle: its output logged, its stderr collected for one grouped e-mail, and on {@code
 * CHILD_PROCESS_TIMEOUT_MS} a graceful stop, a grace period, then its whole process tree killed
 * through the JDK's {@link java.lang.ProcessHandle}.
 */
@NullMarked
package dev.gatehouse.erpsync.importer;

import org.jspecify.annotations.NullMarked;
