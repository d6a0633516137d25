/**
 * The Focaltec supplier portal ("API de integraciones"): one client per company and step, with the
 * {@code PDPTenantKey}/{@code PDPTenantSecret} headers (never logged, never in a URL), a hard
 * timeout, retries with backoff for reads only, pagination by pages of 200, and a {@code [TIMEOUT]}
 * line for every timeout.
 */
@NamedInterface("portal")
@NullMarked
package dev.gatehouse.erpsync.portal;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
