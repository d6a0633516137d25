/** DNS for Connect Domain: lookups against the configured nameservers, and delegated record writing. */
@NullMarked
package dev.gatehouse.domains.dns;

import org.jspecify.annotations.NullMarked;
