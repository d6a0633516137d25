/**
 * The append-only, tamper-evident audit log: recording, redaction, hash-chain sealing,
 * verification, queries and pruning.
 */
@NullMarked
@NamedInterface("audit")
package dev.gatehouse.kernel.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
