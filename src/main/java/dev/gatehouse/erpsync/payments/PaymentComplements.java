package dev.gatehouse.erpsync.payments;

import dev.gatehouse.erpsync.SageDates;
import dev.gatehouse.erpsync.flow.StepContext;
import dev.gatehouse.erpsync.portal.PortalUnavailable;
import dev.gatehouse.erpsync.sage.SageDatabase;
import dev.gatehouse.erpsync.sage.SageFailure;
import dev.gatehouse.erpsync.sage.SageSql;
import dev.gatehouse.erpsync.sage.SageWriteMismatch;
import dev.gatehouse.kernel.mail.Mailer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cycle's {@code checkPayments} step (SageConnect's F3): the payment complements (REP) the
 * portal lists since the first day of last month are written back to the Sage payment they belong
 * to, as the {@code APTCRO} optional fields FESA's parameters name ({@code FolioCFD} for the UUID,
 * {@code FechaCFD} for the stamp date): a missing row is inserted, an empty one updated, a stamped
 * one left alone. The payment is found by the complement's payment external id ({@code DOCNBR});
 * when the complement does not carry it, the portal's payment is read for it. Unlike SageConnect,
 * which wrote the date as {@code yyyymmdd} on insert and as full ISO text on update, both write
 * {@code yyyy-MM-ddTHH:mm:ss}, the 19 characters its "already stamped" test expects. Failed writes
 * are collected and e-mailed to the company's {@code mail_recipients} in one message.
 */
public final class PaymentComplements {

    public static final String STEP = "checkPayments";

    /** SageConnect's constant audit time for these rows. */
    static final int AUDIT_TIME = 23165973;

    private static final Logger log = LoggerFactory.getLogger(PaymentComplements.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private final Mailer mailer;

    public PaymentComplements(Mailer mailer) {
        this.mailer = mailer;
    }

    /** What the step did. */
    public record Summary(int listed, int stamped, int alreadyStamped, int notInSage, int errors) {}

    private record Target(
            BigDecimal batch, BigDecimal entry, @Nullable String uuid, @Nullable String date) {}

    public Summary run(StepContext ctx) {
        String idCia = ctx.companyDatabase();
        SageSql control = ctx.sql(SageDatabase.CONTROL);
        Map<String, String> params = new LinkedHashMap<>();
        control.query(
                        "SELECT Parametro, Valor FROM fesaParam WHERE idCia = ?",
                        (rs, n) -> Map.entry(rs.getString(1).strip(), rs.getString(2).strip()),
                        idCia)
                .forEach(e -> params.put(e.getKey(), e.getValue()));
        String uuidField = params.getOrDefault("FolioCFD", "");
        String dateField = params.getOrDefault("FechaCFD", "");
        String receiver = params.getOrDefault("RFCReceptor", "").toUpperCase(Locale.ROOT);
        if (uuidField.isEmpty() || dateField.isEmpty() || receiver.isEmpty()) {
            throw new IllegalStateException(
                    "FESA has no FolioCFD, FechaCFD or RFCReceptor parameter for " + idCia);
        }
        String user = params.getOrDefault("UserAccpac", "ADMIN");
        String from =
                LocalDate.ofInstant(ctx.now(), ctx.zone())
                        .minusMonths(1)
                        .withDayOfMonth(1)
                        .toString();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("from", from);
        q.put("documentTypes", "CFDI");
        q.put("cfdiType", "PAYMENT_CFDI");
        List<JsonNode> listed =
                ctx.portal().readAll(ctx.portal().extern("/cfdis"), q, c -> text(c, "uuid"));
        SageSql company = ctx.sql(SageDatabase.COMPANY);
        int today = SageDates.number(LocalDate.ofInstant(ctx.now(), ctx.zone()));
        int stamped = 0;
        int already = 0;
        int missing = 0;
        List<String> errors = new ArrayList<>();
        for (JsonNode cfdi : listed) {
            ctx.cancellation().check();
            if (!text(cfdi.path("receiver"), "rfc").equalsIgnoreCase(receiver)) {
                continue;
            }
            String uuid = timbre(cfdi, "uuid");
            String date = stampDate(timbre(cfdi, "fecha_timbrado"));
            try {
                String docNumber = paymentNumber(ctx, cfdi);
                Target t =
                        docNumber == null ? null : target(company, docNumber, uuidField, dateField);
                if (t == null) {
                    missing++;
                    continue;
                }
                if (t.uuid() != null
                        && t.uuid().length() == 36
                        && t.date() != null
                        && t.date().length() == 19) {
                    already++;
                    continue;
                }
                write(company, t, uuidField, t.uuid(), uuid, today, user, idCia);
                write(company, t, dateField, t.date(), date, today, user, idCia);
                stamped++;
            } catch (SageFailure | SageWriteMismatch | PortalUnavailable e) {
                errors.add(uuid + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            log.error(
                    "[ERROR] tenant={} payment complements not written: {}",
                    ctx.company().publicId(),
                    errors);
            if (!ctx.company().config().mailRecipients().isEmpty()) {
                mailer.sendLater(
                        "sync-payment-complements",
                        ctx.company().config().mailRecipients(),
                        idCia + " - Complementos de pago no registrados en Sage",
                        String.join("\n", errors));
            }
        }
        return new Summary(listed.size(), stamped, already, missing, errors.size());
    }

    /** The Sage payment number of a complement, from the complement or the portal's payment. */
    private static @Nullable String paymentNumber(StepContext ctx, JsonNode cfdi) {
        String direct =
                text(
                        cfdi.path("metadata").path("payment_info").path("payments").path(0),
                        "external_id");
        if (!direct.isEmpty()) {
            return direct;
        }
        String paymentId = text(cfdi.path("payment_complement_info").path(0), "payment_id");
        if (paymentId.isEmpty()) {
            return null;
        }
        String fromPayment =
                text(
                        ctx.portal().read(ctx.portal().extern("/payments/" + paymentId), Map.of()),
                        "external_id");
        return fromPayment.isEmpty() ? null : fromPayment;
    }

    private static @Nullable Target target(
            SageSql company, String docNumber, String uuidField, String dateField) {
        List<Target> rows =
                company.query(
                        "SELECT P.CNTBTCH, P.CNTENTR, RTRIM(U.[VALUE]) AS UUID, RTRIM(D.[VALUE]) AS"
                            + " STAMPED FROM APTCR P LEFT JOIN APTCRO U ON U.BTCHTYPE = P.BTCHTYPE"
                            + " AND U.CNTBTCH = P.CNTBTCH AND U.CNTENTR = P.CNTENTR AND U.OPTFIELD"
                            + " = ? LEFT JOIN APTCRO D ON D.BTCHTYPE = P.BTCHTYPE AND D.CNTBTCH ="
                            + " P.CNTBTCH AND D.CNTENTR = P.CNTENTR AND D.OPTFIELD = ? WHERE"
                            + " P.BTCHTYPE = 'PY' AND P.ERRENTRY = 0 AND P.DOCNBR = ?",
                        (rs, n) ->
                                new Target(
                                        rs.getBigDecimal("CNTBTCH"),
                                        rs.getBigDecimal("CNTENTR"),
                                        rs.getString("UUID"),
                                        rs.getString("STAMPED")),
                        uuidField,
                        dateField,
                        docNumber);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    /** Inserts the optional field, or fills it when it exists empty; a filled one is kept. */
    private static void write(
            SageSql company,
            Target t,
            String field,
            @Nullable String current,
            String value,
            int today,
            String user,
            String idCia) {
        if (current == null) {
            company.updateExactly(
                    1,
                    "APTCRO " + field + " insert",
                    "INSERT INTO APTCRO (BTCHTYPE, CNTBTCH, CNTENTR, OPTFIELD, [VALUE], [TYPE],"
                        + " [LENGTH], DECIMALS, ALLOWNULL, VALIDATE, SWSET, AUDTDATE, AUDTTIME,"
                        + " AUDTUSER, AUDTORG) VALUES ('PY', ?, ?, ?, ?, 1, 60, 0, 0, 0, 1, ?, ?,"
                        + " ?, ?)",
                    t.batch(),
                    t.entry(),
                    field,
                    value,
                    today,
                    AUDIT_TIME,
                    user,
                    idCia);
        } else if (current.isEmpty()) {
            company.updateExactly(
                    1,
                    "APTCRO " + field + " update",
                    "UPDATE APTCRO SET [VALUE] = ?, AUDTDATE = ? WHERE BTCHTYPE = 'PY' AND CNTBTCH"
                            + " = ? AND CNTENTR = ? AND OPTFIELD = ?",
                    value,
                    today,
                    t.batch(),
                    t.entry(),
                    field);
        }
    }

    private static String timbre(JsonNode cfdi, String field) {
        String v = text(cfdi.path("timbre"), field);
        if (v.isEmpty()) {
            v = text(cfdi.path("cfdi").path("timbre"), field);
        }
        return v.isEmpty() && field.equals("uuid") ? text(cfdi, "uuid") : v;
    }

    private static String stampDate(String text) {
        try {
            return STAMP.format(OffsetDateTime.parse(text).toLocalDateTime());
        } catch (DateTimeParseException e) {
            try {
                return STAMP.format(LocalDateTime.parse(text));
            } catch (DateTimeParseException again) {
                return text.length() > 19 ? text.substring(0, 19) : text;
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asString("");
    }
}
