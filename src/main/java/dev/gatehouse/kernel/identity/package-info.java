/**
 * Portal users of a tenant: roles, Argon2id passwords, TOTP second factor, and sign-in decisions.
 */
@NullMarked
@NamedInterface("identity")
package dev.gatehouse.kernel.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
