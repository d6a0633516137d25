/**
 * What ERP Access records of each decision: the audit events of token attempts and relays (with
 * secrets redacted before they leave the gateway) and the aggregate metrics of relays, denials and
 * upstream latency.
 */
@NullMarked
@NamedInterface("events")
package dev.gatehouse.gateway.events;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
