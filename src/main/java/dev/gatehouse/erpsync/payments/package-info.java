/**
 * Payments, Sage to portal (the cycle's {@code uploadPayments}): posted Sage payments at least 60
 * minutes old within the lookback are sent once each, with their invoices' CFDI UUIDs, and recorded
 * in the ledger and in FESA's {@code fesaPagosFocaltec}.
 */
@NullMarked
package dev.gatehouse.erpsync.payments;

import org.jspecify.annotations.NullMarked;
