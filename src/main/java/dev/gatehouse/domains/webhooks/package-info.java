/** Webhooks of Connect Domain: the durable outbox, Standard Webhooks signing, delivery with retries. */
@NullMarked
package dev.gatehouse.domains.webhooks;

import org.jspecify.annotations.NullMarked;
