package dev.gatehouse.erpsync.payments;

import dev.gatehouse.erpsync.SageCurrencies;
import dev.gatehouse.erpsync.SageDates;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST …/payments} for one Sage payment, field by field as SageConnect sent it:
 * Sage's {@code MXP} becomes ISO {@code MXN}, UUIDs are upper-cased, the exchange rate is 1 when
 * the invoice is in the bank's currency, and the payment date is the remittance date at {@code
 * T10:00:00.000Z}.
 */
final class PaymentPayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PaymentPayload() {}

    static ObjectNode of(SagePayments.Payment p, List<SagePayments.Invoice> invoices) {
        String bankCurrency = SageCurrencies.iso(p.bankCurrency());
        ObjectNode body = JSON.createObjectNode();
        body.put("bank_account_id", p.bankAccount());
        ArrayNode cfdis = body.putArray("cfdis");
        for (SagePayments.Invoice i : invoices) {
            String currency = SageCurrencies.iso(i.currency());
            cfdis.addObject()
                    .put("amount", i.amount())
                    .put("currency", currency)
                    .put(
                            "exchange_rate",
                            currency.equals(bankCurrency) ? BigDecimal.ONE : i.exchangeRate())
                    .put("payment_amount", i.amount())
                    .put("payment_currency", bankCurrency)
                    .put("uuid", i.uuid().toUpperCase(Locale.ROOT));
        }
        body.put("comments", p.comments());
        body.put("currency", bankCurrency);
        body.put("external_id", p.docNumber());
        body.put("ignore_amounts", false);
        body.put("open", false);
        body.put("operation_type", "TRANSFER");
        body.put("payment_date", SageDates.date(p.remitDate()) + "T10:00:00.000Z");
        body.put("provider_external_id", p.vendor());
        body.put("reference", p.reference());
        body.put("total_amount", p.amount());
        return body;
    }
}
