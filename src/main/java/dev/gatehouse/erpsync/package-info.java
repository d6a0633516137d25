/**
 * SageConnect: the always-on sync between Sage 300 and the Focaltec supplier portal, under the
 * license of {@code dev.gatehouse.licensing}. So far it declares the product to the kernel ({@link
 * dev.gatehouse.erpsync.SyncModule}); the sync engine follows (issue 11). Depends on the kernel and
 * on {@code licensing}, its own product's license module.
 */
@NullMarked
package dev.gatehouse.erpsync;

import org.jspecify.annotations.NullMarked;
