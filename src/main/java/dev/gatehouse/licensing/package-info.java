/**
 * SageConnect's license: the client that asks the license server, before the sync may run, whether
 * this installation's key is active, and verifies the HMAC-signed answer; the state it keeps
 * ({@code UNKNOWN}, {@code VALID}, {@code INVALID}, {@code ERROR}, with 24 hours of grace on {@code
 * ERROR}); and {@code GET /v1/sync/license}. Only the sync depends on it: the rest of Gatehouse
 * runs whatever the license says. Depends on the kernel only.
 */
@NullMarked
package dev.gatehouse.licensing;

import org.jspecify.annotations.NullMarked;
