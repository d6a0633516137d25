/**
 * API keys: issuing with no escalation, keyed-hash storage, verification as values, scopes,
 * revocation.
 */
@NullMarked
@NamedInterface("keys")
package dev.gatehouse.kernel.keys;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
