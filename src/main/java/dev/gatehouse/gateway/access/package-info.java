/**
 * Who may call the gateway: accounts, their actors, the credential sets issued to actors, the
 * exchange of a credential set for a gateway token, and the per-request credential checks of the
 * relay ({@link dev.gatehouse.gateway.access.GatewayCallers}).
 */
@NamedInterface("access")
@NullMarked
package dev.gatehouse.gateway.access;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
