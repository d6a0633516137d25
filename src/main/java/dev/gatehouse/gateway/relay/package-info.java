/**
 * The relay's HTTP edge, {@code ANY /gateway/v1/erp/{path…}}: gathers the facts of a request from
 * the gateway's parts, lets the pure decision core decide, answers or relays, audits and counts.
 */
@NullMarked
package dev.gatehouse.gateway.relay;

import org.jspecify.annotations.NullMarked;
