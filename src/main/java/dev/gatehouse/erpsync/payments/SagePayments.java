package dev.gatehouse.erpsync.payments;

import dev.gatehouse.erpsync.sage.SageSql;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The payment queries of the company database (posted AP payments, their applied invoices, vendor
 * optional fields) and of FESA ({@code fesaPagosFocaltec}). Each query names one database; the two
 * are joined in code.
 */
final class SagePayments {

    private SagePayments() {}

    /** A posted payment entry with its bank and vendor fields; text fields right-trimmed. */
    record Payment(
            BigDecimal batch,
            BigDecimal entry,
            String docNumber,
            String vendor,
            int remitDate,
            BigDecimal amount,
            String comments,
            String reference,
            int auditDate,
            int auditTime,
            String bankAccount,
            String bankCurrency,
            String rfc,
            String providerId) {}

    /** One invoice a payment applies to. */
    record Invoice(
            String invoice,
            BigDecimal amount,
            String currency,
            BigDecimal exchangeRate,
            boolean fullyPaid,
            String uuid) {}

    /**
     * Posted ({@code BATCHSTAT = 3}) check payments ({@code RMITTYPE = 1}) of PY batches without
     * errors, audited on or after {@code fromDate}, not reversed in {@code APPYM}.
     */
    static List<Payment> posted(SageSql company, int fromDate) {
        return company.query(
                "SELECT P.CNTBTCH, P.CNTENTR, RTRIM(P.DOCNBR) AS DOCNBR, RTRIM(P.IDVEND) AS IDVEND,"
                        + " P.DATERMIT, P.AMTRMIT, RTRIM(P.TEXTRMIT) AS TEXTRMIT,"
                        + " RTRIM(P.TXTRMITREF) AS TXTRMITREF, P.AUDTDATE, P.AUDTTIME,"
                        + " RTRIM(BK.ADDR1) AS ACCOUNT, RTRIM(BK.CURNSTMT) AS CURNSTMT,"
                        + " RTRIM(R.[VALUE]) AS RFC, RTRIM(V.[VALUE]) AS PROVIDERID"
                        + " FROM APBTA B"
                        + " JOIN BKACCT BK ON BK.BANK = B.IDBANK"
                        + " JOIN APTCR P ON P.BTCHTYPE = B.PAYMTYPE AND P.CNTBTCH = B.CNTBTCH"
                        + " LEFT JOIN APVENO R ON R.VENDORID = P.IDVEND AND R.OPTFIELD = 'RFC'"
                        + " LEFT JOIN APVENO V ON V.VENDORID = P.IDVEND AND V.OPTFIELD ="
                        + " 'PROVIDERID'"
                        + " WHERE B.PAYMTYPE = 'PY' AND B.BATCHSTAT = 3 AND P.ERRENTRY = 0"
                        + " AND P.RMITTYPE = 1 AND P.AUDTDATE >= ?"
                        + " AND NOT EXISTS (SELECT 1 FROM APPYM Y WHERE Y.IDINVC = P.DOCNBR"
                        + " AND Y.SWCHKCLRD = 2)"
                        + " ORDER BY P.AUDTDATE, P.AUDTTIME, P.DOCNBR",
                (rs, n) ->
                        new Payment(
                                rs.getBigDecimal("CNTBTCH"),
                                rs.getBigDecimal("CNTENTR"),
                                rs.getString("DOCNBR"),
                                rs.getString("IDVEND"),
                                rs.getInt("DATERMIT"),
                                rs.getBigDecimal("AMTRMIT"),
                                text(rs.getString("TEXTRMIT")),
                                text(rs.getString("TXTRMITREF")),
                                rs.getInt("AUDTDATE"),
                                rs.getInt("AUDTTIME"),
                                rs.getString("ACCOUNT"),
                                rs.getString("CURNSTMT"),
                                text(rs.getString("RFC")),
                                text(rs.getString("PROVIDERID"))),
                fromDate);
    }

    /** The posted invoices {@code payment} applies to, with their UUIDs (empty when none). */
    static List<Invoice> invoices(SageSql company, Payment payment) {
        return company.query(
                "SELECT RTRIM(DP.IDINVC) AS IDINVC, DP.AMTPAYM, RTRIM(H.CODECURN) AS CODECURN,"
                        + " H.EXCHRATEHC, O.SWPAID, RTRIM(F.[VALUE]) AS UUID"
                        + " FROM APTCP DP"
                        + " JOIN APIBH H ON H.IDVEND = DP.IDVEND AND H.IDINVC = DP.IDINVC"
                        + " AND H.ERRENTRY = 0"
                        + " JOIN APIBC C ON C.CNTBTCH = H.CNTBTCH AND C.BTCHSTTS = 3"
                        + " LEFT JOIN APOBL O ON O.IDVEND = DP.IDVEND AND O.IDINVC = DP.IDINVC"
                        + " LEFT JOIN APIBHO F ON F.CNTBTCH = H.CNTBTCH AND F.CNTITEM = H.CNTITEM"
                        + " AND F.OPTFIELD = 'FOLIOCFD'"
                        + " WHERE DP.BATCHTYPE = 'PY' AND DP.CNTBTCH = ? AND DP.CNTRMIT = ?"
                        + " AND DP.DOCTYPE = 1"
                        + " ORDER BY DP.CNTLINE",
                (rs, n) ->
                        new Invoice(
                                rs.getString("IDINVC"),
                                rs.getBigDecimal("AMTPAYM"),
                                rs.getString("CODECURN"),
                                rs.getBigDecimal("EXCHRATEHC"),
                                rs.getInt("SWPAID") == 1,
                                text(rs.getString("UUID"))),
                payment.batch(),
                payment.entry());
    }

    /** The payment numbers FESA records as sent for company database {@code idCia}. */
    static Set<String> recordedInFesa(SageSql control, String idCia) {
        return new HashSet<>(
                control.query(
                        "SELECT RTRIM(NoPagoSage) AS NOPAGO FROM fesaPagosFocaltec WHERE idCia = ?",
                        (rs, n) -> rs.getString("NOPAGO"),
                        idCia));
    }

    /** Records a sent payment in FESA, as SageConnect did: exactly one row. */
    static void recordInFesa(
            SageSql control, String idCia, String docNumber, boolean paid, String portalId) {
        control.updateExactly(
                1,
                "fesaPagosFocaltec insert",
                "INSERT INTO fesaPagosFocaltec (idCia, NoPagoSage, status, idFocaltec)"
                        + " VALUES (?, ?, ?, ?)",
                idCia,
                docNumber,
                paid ? "PAID" : "PARTIAL",
                portalId);
    }

    /**
     * Writes the vendor's portal provider id ({@code APVENO PROVIDERID}): updates an existing row,
     * or inserts one shaped like the vendor's {@code RFC} row.
     */
    static void writeProviderId(SageSql company, String vendor, String providerId, int today) {
        int updated =
                company.update(
                        "UPDATE APVENO SET [VALUE] = ?, AUDTDATE = ? WHERE VENDORID = ? AND"
                                + " OPTFIELD = 'PROVIDERID'",
                        providerId,
                        today,
                        vendor);
        if (updated == 0) {
            company.updateExactly(
                    1,
                    "APVENO PROVIDERID insert",
                    "INSERT INTO APVENO (VENDORID, OPTFIELD, [VALUE], [TYPE], [LENGTH], DECIMALS,"
                            + " ALLOWNULL, VALIDATE, SWSET, AUDTDATE, AUDTTIME, AUDTUSER, AUDTORG)"
                            + " SELECT VENDORID, 'PROVIDERID', ?, [TYPE], [LENGTH], DECIMALS,"
                            + " ALLOWNULL, VALIDATE, SWSET, ?, AUDTTIME, AUDTUSER, AUDTORG FROM"
                            + " APVENO WHERE VENDORID = ? AND OPTFIELD = 'RFC'",
                    providerId,
                    today,
                    vendor);
        }
    }

    /**
     * Writes an invoice's CFDI UUID ({@code APIBHO FOLIOCFD}): fills an empty row or inserts one;
     * false when the invoice is not a posted AP invoice of {@code vendor} or already has a UUID.
     */
    static boolean writeInvoiceUuid(
            SageSql company, String vendor, String invoice, String uuid, int today, String idCia) {
        List<BigDecimal[]> keys =
                company.query(
                        "SELECT H.CNTBTCH, H.CNTITEM FROM APIBH H WHERE H.IDVEND = ? AND H.IDINVC ="
                                + " ? AND H.ERRENTRY = 0",
                        (rs, n) -> new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)},
                        vendor,
                        invoice);
        if (keys.size() != 1) {
            return false;
        }
        BigDecimal[] k = keys.getFirst();
        int filled =
                company.update(
                        "UPDATE APIBHO SET [VALUE] = ?, AUDTDATE = ? WHERE CNTBTCH = ? AND CNTITEM"
                                + " = ? AND OPTFIELD = 'FOLIOCFD' AND RTRIM([VALUE]) = ''",
                        uuid,
                        today,
                        k[0],
                        k[1]);
        if (filled == 1) {
            return true;
        }
        Long present =
                company.value(
                        "SELECT COUNT(*) FROM APIBHO WHERE CNTBTCH = ? AND CNTITEM = ? AND OPTFIELD"
                                + " = 'FOLIOCFD'",
                        Long.class,
                        k[0],
                        k[1]);
        if (present != null && present > 0) {
            return false;
        }
        company.updateExactly(
                1,
                "APIBHO FOLIOCFD insert",
                "INSERT INTO APIBHO (CNTBTCH, CNTITEM, OPTFIELD, [VALUE], [TYPE], [LENGTH],"
                    + " DECIMALS, ALLOWNULL, VALIDATE, SWSET, AUDTDATE, AUDTTIME, AUDTUSER,"
                    + " AUDTORG) VALUES (?, ?, 'FOLIOCFD', ?, 1, 60, 0, 0, 0, 1, ?, 0, 'ADMIN', ?)",
                k[0],
                k[1],
                uuid,
                today,
                idCia);
        return true;
    }

    private static String text(@Nullable String s) {
        return s == null ? "" : s.strip();
    }
}
