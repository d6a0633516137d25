package dev.gatehouse.erpsync.orders;

import dev.gatehouse.erpsync.SageCurrencies;
import dev.gatehouse.erpsync.SageDates;
import dev.gatehouse.erpsync.company.CompanyConfig;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The body of {@code POST …/purchase-orders} for one Sage PO, mapped field by field as SageConnect
 * did, and its validation (SageConnect's Joi schema): currency of 3 letters, at least one address
 * and one line, a 5-digit zip, a CFDI use from the SAT catalogue, line descriptions of at most 250
 * characters, comments of at most 512, a provider id of at most 50. A payment form outside {@code
 * F01…F99} is sent as null.
 */
final class PurchaseOrderPayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PAYMENT_FORM = Pattern.compile("^F(0[1-9]|[1-9][0-9])$");
    private static final Pattern ZIP = Pattern.compile("^[0-9]{5}$");
    private static final Set<String> CFDI_USES =
            Set.of(
                    "G01", "G02", "G03", "I01", "I02", "I03", "I04", "I05", "I06", "I07", "I08",
                    "D01", "D02", "D03", "D04", "D05", "D06", "D07", "D08", "D09", "D10", "S01",
                    "CP01", "CN01");

    private PurchaseOrderPayload() {}

    /** A payload and what is wrong with it (empty when valid). */
    record Built(ObjectNode body, List<String> problems) {}

    /**
     * The payload of {@code lines} (one PO, lines in revision order), with {@code quantity} taken
     * from each line by {@code quantity} and lines of quantity zero left out.
     */
    static Built of(
            List<SageOrders.Row> lines,
            CompanyConfig config,
            Function<SageOrders.Row, BigDecimal> quantity) {
        SageOrders.Row h = lines.getFirst();
        ObjectNode body = JSON.createObjectNode();
        List<String> problems = new ArrayList<>();
        body.put("acceptance_status", "ACCEPTED");
        ObjectNode address = body.putArray("addresses").addObject();
        CompanyConfig.Address d = config.addressDefaults();
        address.put("type", "SHIPPING")
                .put("street", or(h.address().get("ADDRESS1"), d.street()))
                .put("municipality", or(h.address().get("ADDRESS2"), d.municipality()))
                .put("city", or(h.address().get("CITY"), d.city()))
                .put("state", or(h.address().get("STATE"), d.state()))
                .put("country", or(h.address().get("COUNTRY"), d.country()))
                .put("zip", or(h.address().get("ZIP"), d.zip()))
                .put("identifier", or(h.location(), d.identifier()));
        String form =
                h.paymentMethodDescription().length() >= 2
                        ? "F" + h.paymentMethodDescription().substring(0, 2)
                        : "";
        if (PAYMENT_FORM.matcher(form).matches()) {
            body.put("cfdi_payment_form", form);
        } else {
            body.putNull("cfdi_payment_form");
        }
        if (!h.paymentMethod().isEmpty()) {
            body.put("cfdi_payment_method", h.paymentMethod());
        }
        body.put("cfdi_use", h.cfdiUse().toUpperCase(Locale.ROOT));
        String comments = (h.description() + " " + h.comment()).strip();
        body.put("comments", comments);
        body.put("company_external_id", config.externalId());
        String currency = SageCurrencies.iso(h.currency());
        body.put("currency", currency);
        body.put("date", SageDates.date(h.date()).toString());
        body.put(
                "delivery_date",
                SageDates.date(h.expectedArrival() == 0 ? h.date() : h.expectedArrival())
                        .toString());
        body.put("delivery_contact", h.fobPoint());
        body.put("exchange_rate", h.rate());
        body.put("external_id", h.poNumber());
        ArrayNode metadata = body.putArray("metadata");
        metadata.addObject().put("AFE", h.afe());
        metadata.addObject().put("REQUISICION", h.requisition());
        metadata.addObject().put("CONDICIONES", h.terms());
        metadata.addObject().put("USUARIO_DE_COMPRA", h.fobPoint());
        body.put("num", h.poNumber());
        body.put("provider_external_id", h.vendor());
        body.put("reference", h.reference());
        body.put("requested_by_contact", h.enteredBy());
        if (!h.requisition().isEmpty() && !h.requisition().equals("0")) {
            body.put("requisition_number", h.requisition());
        }
        body.put("status", "OPEN");
        body.put("subtotal", h.subtotal());
        body.put("total", h.total());
        body.put("vat_sum", sum(h.taxes(), 1));
        body.put("withhold_tax_sum", sum(h.taxes(), -1));
        body.put("warehouse", h.location());
        ArrayNode out = body.putArray("lines");
        int num = 0;
        for (SageOrders.Row l : lines) {
            BigDecimal q = quantity.apply(l);
            if (l.lineSeq() == null || q.signum() == 0) {
                continue;
            }
            if (l.itemDescription().length() > 250) {
                problems.add("line " + l.lineSeq() + ": description is longer than 250");
            }
            BigDecimal total =
                    q.compareTo(l.ordered()) == 0
                            ? l.lineTotal()
                            : l.unitCost()
                                    .multiply(q)
                                    .setScale(l.lineTotal().scale(), RoundingMode.HALF_UP);
            ObjectNode line = out.addObject();
            line.put("code", l.item())
                    .put("description", l.itemDescription())
                    .put("external_id", l.lineSeq().toPlainString())
                    .put("num", ++num)
                    .put("price", l.unitCost())
                    .put("quantity", q)
                    .put("subtotal", total)
                    .put("total", total)
                    .put("unit_of_measure", l.unit());
            line.putArray("taxes");
            line.putArray("withholding_taxes");
        }
        check(body, problems, currency, comments, h);
        return new Built(body, problems);
    }

    private static void check(
            ObjectNode body,
            List<String> problems,
            String currency,
            String comments,
            SageOrders.Row h) {
        if (currency.length() != 3) {
            problems.add("currency must have 3 letters, was " + currency);
        }
        if (body.get("lines").isEmpty()) {
            problems.add("a purchase order needs at least one line");
        }
        String zip = body.get("addresses").get(0).get("zip").asString();
        if (!ZIP.matcher(zip).matches()) {
            problems.add("zip must have 5 digits, was '" + zip + "'");
        }
        if (!CFDI_USES.contains(body.get("cfdi_use").asString())) {
            problems.add(
                    "cfdi_use is not in the SAT catalogue: '"
                            + body.get("cfdi_use").asString()
                            + "'");
        }
        if (comments.length() > 512) {
            problems.add("comments are longer than 512");
        }
        if (h.vendor().length() > 50) {
            problems.add("provider_external_id is longer than 50");
        }
    }

    private static BigDecimal sum(List<BigDecimal> taxes, int sign) {
        return taxes.stream()
                .filter(t -> t.signum() == sign)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String or(@Nullable String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
