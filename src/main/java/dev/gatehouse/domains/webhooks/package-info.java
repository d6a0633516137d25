/**
 * Webhooks of Connect Domain: the durable outbox, Standard Webhooks signing, delivery with retries;
 * its public types are what the portal may use.
 */
@NullMarked
@NamedInterface("webhooks")
package dev.gatehouse.domains.webhooks;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
