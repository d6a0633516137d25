/**
 * The tenant's upstream (its ERP's HTTP API): its configuration with write-only sealed secrets, the
 * upstream session login, the connection test, and the relay transport the gateway pipeline calls
 * once every check has passed.
 */
@NamedInterface("upstream")
@NullMarked
package dev.gatehouse.gateway.upstream;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
