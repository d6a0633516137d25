/** Masking of secret-shaped text and fields, shared by the audit log and the logging layer. */
@NullMarked
package dev.gatehouse.kernel.redaction;

import org.jspecify.annotations.NullMarked;
