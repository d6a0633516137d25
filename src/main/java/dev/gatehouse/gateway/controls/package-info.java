/**
 * The gateway's stored controls: policies, the tenant's schedule and its kill switch, their
 * administration API ({@code /v1/gateway/policies}, {@code /schedule}, {@code /kill-switch}), and
 * the per-request read the relay makes ({@link dev.gatehouse.gateway.controls.Controls}).
 */
@NamedInterface("controls")
@NullMarked
package dev.gatehouse.gateway.controls;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
