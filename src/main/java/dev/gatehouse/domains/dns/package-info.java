/**
 * DNS for Connect Domain: lookups against the configured nameservers, and delegated record writing;
 * its public types are what the portal may use.
 */
@NullMarked
@NamedInterface("dns")
package dev.gatehouse.domains.dns;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
