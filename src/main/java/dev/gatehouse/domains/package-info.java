/**
 * Connect Domain: applications, customer hostnames connected to them with value-checked DNS, the
 * go-live transition that fires exactly once, webhooks, the widget and the {@code ask} endpoint for
 * on-demand TLS. Depends on the kernel only.
 */
@NullMarked
package dev.gatehouse.domains;

import org.jspecify.annotations.NullMarked;
