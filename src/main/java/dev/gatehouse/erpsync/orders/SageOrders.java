package dev.gatehouse.erpsync.orders;

import dev.gatehouse.erpsync.sage.SageSql;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The purchase-order queries: approvals (the approvals database), PO headers and lines with their
 * optional fields, vendor fields and location (the company database), and FESA's {@code
 * fesaOCFocaltec} (the control database). Each query names one database; they are joined in code.
 */
final class SageOrders {

    /** PO numbers per {@code IN (…)} list. */
    static final int CHUNK = 200;

    private SageOrders() {}

    /** One line of a PO with its header's fields; text fields right-trimmed. */
    record Row(
            String poNumber,
            String vendor,
            int date,
            int expectedArrival,
            String currency,
            BigDecimal rate,
            String description,
            String comment,
            String fobPoint,
            String reference,
            String requisition,
            String terms,
            BigDecimal subtotal,
            BigDecimal total,
            List<BigDecimal> taxes,
            String enteredBy,
            @Nullable BigDecimal lineSeq,
            int lineRevision,
            String item,
            String itemDescription,
            BigDecimal unitCost,
            BigDecimal ordered,
            BigDecimal cancelled,
            BigDecimal outstanding,
            BigDecimal lineTotal,
            String unit,
            String location,
            String afe,
            String cfdiUse,
            String paymentMethod,
            String paymentMethodDescription,
            String providerId,
            Map<String, String> address) {}

    /** A FESA control row of a PO. */
    record Control(String poNumber, String status, String portalId) {}

    /** Approved POs of {@code empresa} whose last approval is at or after {@code since}. */
    static List<String> approvedSince(SageSql approvals, String empresa, LocalDateTime since) {
        return approvals.query(
                "SELECT RTRIM(X.PONumber) AS PONUMBER FROM Autoriza_OC X"
                        + " JOIN Autoriza_OC_detalle D ON D.Empresa = X.Empresa"
                        + " AND D.PONumber = X.PONumber"
                        + " WHERE X.Autorizada = 1 AND X.Empresa = ?"
                        + " GROUP BY X.PONumber HAVING MAX(D.Fecha) >= ?"
                        + " ORDER BY X.PONumber",
                (rs, n) -> rs.getString("PONUMBER"),
                empresa,
                Timestamp.valueOf(since));
    }

    /** FESA's rows of {@code idDatabase}, newest last, by PO number. */
    static Map<String, List<Control>> control(SageSql control, String idDatabase) {
        Map<String, List<Control>> out = new LinkedHashMap<>();
        control.query(
                        "SELECT RTRIM(ocSage) AS OC, status, idFocaltec FROM fesaOCFocaltec"
                                + " WHERE idDatabase = ? ORDER BY createdAt, id",
                        (rs, n) ->
                                new Control(
                                        rs.getString("OC"),
                                        rs.getString("status").strip(),
                                        text(rs.getString("idFocaltec"))),
                        idDatabase)
                .forEach(c -> out.computeIfAbsent(c.poNumber(), k -> new ArrayList<>()).add(c));
        return out;
    }

    /** Appends a FESA control row, as SageConnect did (ERROR rows accumulate). */
    static void appendControl(
            SageSql control,
            String poNumber,
            String status,
            @Nullable String portalId,
            @Nullable String response,
            String idDatabase,
            LocalDateTime now) {
        control.updateExactly(
                1,
                "fesaOCFocaltec insert",
                "INSERT INTO fesaOCFocaltec (idFocaltec, ocSage, status, lastUpdate, createdAt,"
                        + " responseAPI, idDatabase) VALUES (?, ?, ?, ?, ?, ?, ?)",
                portalId,
                poNumber,
                status,
                java.sql.Date.valueOf(now.toLocalDate()),
                Timestamp.valueOf(now),
                response == null ? null : cut(response),
                idDatabase);
    }

    /** Moves the PO's control rows with a portal id to {@code status}. */
    static void updateControl(
            SageSql control, String poNumber, String status, String idDatabase, LocalDateTime now) {
        int changed =
                control.update(
                        "UPDATE fesaOCFocaltec SET status = ?, lastUpdate = ? WHERE ocSage = ?"
                                + " AND idDatabase = ? AND status IN ('POSTED', 'CLOSED',"
                                + " 'CANCELLED', 'OPEN', 'GENERATED')",
                        status,
                        java.sql.Date.valueOf(now.toLocalDate()),
                        poNumber,
                        idDatabase);
        if (changed == 0) {
            appendControl(control, poNumber, status, null, "no earlier row", idDatabase, now);
        }
    }

    /** The lines of {@code poNumbers} with everything their payloads need. */
    static List<Row> rows(SageSql company, List<String> poNumbers) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < poNumbers.size(); i += CHUNK) {
            List<String> chunk = poNumbers.subList(i, Math.min(poNumbers.size(), i + CHUNK));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            out.addAll(
                    company.query(
                            SELECT + " WHERE A.PONUMBER IN (" + marks + ")" + ORDER,
                            SageOrders::row,
                            chunk.toArray()));
        }
        return out;
    }

    /**
     * The lines of completed POs, completed on or after {@code since}, fully received and invoiced.
     */
    static List<Row> completedAndInvoiced(SageSql company, int since) {
        return company.query(
                SELECT
                        + " WHERE A.ISCOMPLETE = 1 AND A.DTCOMPLETE >= ?"
                        + " AND EXISTS (SELECT 1 FROM PORCPH1 R WHERE R.PORHSEQ = A.PORHSEQ)"
                        + " AND NOT EXISTS (SELECT 1 FROM PORCPH1 R WHERE R.PORHSEQ = A.PORHSEQ"
                        + " AND (R.ISINVOICED = 0 OR R.ISCOMPLETE = 0))"
                        + ORDER,
                SageOrders::row,
                since);
    }

    private static final String SELECT =
            "SELECT RTRIM(A.PONUMBER) AS PONUMBER, RTRIM(A.VDCODE) AS VDCODE, A.[DATE] AS PODATE,"
                + " A.EXPARRIVAL, RTRIM(A.CURRENCY) AS CURRENCY, A.RATE, RTRIM(A.DESCRIPTIO) AS"
                + " DESCRIPTIO, RTRIM(A.[COMMENT]) AS POCOMMENT, RTRIM(A.FOBPOINT) AS FOBPOINT,"
                + " RTRIM(A.REFERENCE) AS REFERENCE, RTRIM(A.RQNNUMBER) AS RQNNUMBER,"
                + " RTRIM(A.TERMSCODE) AS TERMSCODE, A.EXTENDED, A.DOCTOTAL, A.TXEXCLUDE1,"
                + " A.TXEXCLUDE2, A.TXEXCLUDE3, A.TXEXCLUDE4, A.TXEXCLUDE5, RTRIM(A1.ENTEREDBY) AS"
                + " ENTEREDBY, B.PORLSEQ, B.PORLREV, RTRIM(B.ITEMNO) AS ITEMNO, RTRIM(B.ITEMDESC)"
                + " AS ITEMDESC, B.UNITCOST, B.SQORDERED, B.OQCANCELED, B.OQOUTSTAND, B.EXTENDED AS"
                + " LINEEXT, RTRIM(B.ORDERUNIT) AS ORDERUNIT, RTRIM(B.LOCATION) AS LOCATION,"
                + " RTRIM(C1.[VALUE]) AS AFE, RTRIM(C2.[VALUE]) AS USOCFDI, RTRIM(E2.[VALUE]) AS"
                + " METODOPAGO, RTRIM(E3.[VALUE]) AS PROVIDERID, RTRIM(G.VDESC) AS METODODESC,"
                + " RTRIM(F.ADDRESS1) AS ADDRESS1, RTRIM(F.ADDRESS2) AS ADDRESS2, RTRIM(F.CITY) AS"
                + " CITY, RTRIM(F.STATE) AS STATE, RTRIM(F.COUNTRY) AS COUNTRY, RTRIM(F.ZIP) AS ZIP"
                + " FROM POPORH1 A LEFT JOIN POPORH2 A1 ON A1.PORHSEQ = A.PORHSEQ LEFT JOIN POPORL"
                + " B ON B.PORHSEQ = A.PORHSEQ LEFT JOIN POPORHO C1 ON C1.PORHSEQ = A.PORHSEQ AND"
                + " C1.OPTFIELD = 'AFE' LEFT JOIN POPORHO C2 ON C2.PORHSEQ = A.PORHSEQ AND"
                + " C2.OPTFIELD = 'USOCFDI' LEFT JOIN APVEN D ON D.VENDORID = A.VDCODE LEFT JOIN"
                + " APVENO E2 ON E2.VENDORID = A.VDCODE AND E2.OPTFIELD = 'METODOPAGO' LEFT JOIN"
                + " APVENO E3 ON E3.VENDORID = A.VDCODE AND E3.OPTFIELD = 'PROVIDERID' LEFT JOIN"
                + " CSOPTFD G ON G.OPTFIELD = 'METODOPAGO' AND G.[VALUE] = E2.[VALUE] LEFT JOIN"
                + " ICLOC F ON F.LOCATION = B.LOCATION";

    private static final String ORDER = " ORDER BY A.PONUMBER, B.PORLREV, B.PORLSEQ";

    private static Row row(ResultSet rs, int n) throws SQLException {
        Map<String, String> address = new LinkedHashMap<>();
        for (String k : List.of("ADDRESS1", "ADDRESS2", "CITY", "STATE", "COUNTRY", "ZIP")) {
            address.put(k, text(rs.getString(k)));
        }
        List<BigDecimal> taxes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            taxes.add(rs.getBigDecimal("TXEXCLUDE" + i));
        }
        return new Row(
                rs.getString("PONUMBER"),
                rs.getString("VDCODE"),
                rs.getInt("PODATE"),
                rs.getInt("EXPARRIVAL"),
                text(rs.getString("CURRENCY")),
                rs.getBigDecimal("RATE"),
                text(rs.getString("DESCRIPTIO")),
                text(rs.getString("POCOMMENT")),
                text(rs.getString("FOBPOINT")),
                text(rs.getString("REFERENCE")),
                text(rs.getString("RQNNUMBER")),
                text(rs.getString("TERMSCODE")),
                rs.getBigDecimal("EXTENDED"),
                rs.getBigDecimal("DOCTOTAL"),
                taxes,
                text(rs.getString("ENTEREDBY")),
                rs.getBigDecimal("PORLSEQ"),
                rs.getInt("PORLREV"),
                text(rs.getString("ITEMNO")),
                text(rs.getString("ITEMDESC")),
                zero(rs.getBigDecimal("UNITCOST")),
                zero(rs.getBigDecimal("SQORDERED")),
                zero(rs.getBigDecimal("OQCANCELED")),
                zero(rs.getBigDecimal("OQOUTSTAND")),
                zero(rs.getBigDecimal("LINEEXT")),
                text(rs.getString("ORDERUNIT")),
                text(rs.getString("LOCATION")),
                text(rs.getString("AFE")),
                text(rs.getString("USOCFDI")),
                text(rs.getString("METODOPAGO")),
                text(rs.getString("METODODESC")),
                text(rs.getString("PROVIDERID")),
                address);
    }

    private static BigDecimal zero(@Nullable BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static String text(@Nullable String s) {
        return s == null ? "" : s.strip();
    }

    private static String cut(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000);
    }
}
