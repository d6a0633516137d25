/**
 * The sync ledger: every purchase order and payment sent to the portal, claimed before it is sent
 * so that no two senders (nodes, overlapping runs, manual sends) ever send one item twice.
 */
@NamedInterface("ledger")
@NullMarked
package dev.gatehouse.erpsync.ledger;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
