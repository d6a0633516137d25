/**
 * Purchase orders, Sage to portal: approved POs created at the portal once each ({@code
 * createPurchaseOrders}), full and partial cancellations ({@code processOrderChanges}) and closing
 * ({@code closePurchaseOrders}), recorded in the ledger and in FESA's {@code fesaOCFocaltec}.
 */
@NullMarked
package dev.gatehouse.erpsync.orders;

import org.jspecify.annotations.NullMarked;
