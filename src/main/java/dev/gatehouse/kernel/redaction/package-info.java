/** Masking of secret-shaped text and fields, shared by the audit log and the logging layer. */
@NullMarked
@NamedInterface("redaction")
package dev.gatehouse.kernel.redaction;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
