package dev.gatehouse.erpsync;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * More rows like the fixture's realistic ones, for soak and volume runs: posted payments shaped
 * like {@code PY0001} (batch 701, vendor P001, each paying one invoice of its own with its CFDI
 * UUID) and approved purchase orders shaped like {@code PO0001} (two lines at location GEN, AFE and
 * CFDI use). Numbers are {@code PYS0000001}… and {@code POS0000001}…, never the fixture's. Written
 * in batches of {@link #BATCH}.
 */
public final class SageRows {

    /** Rows per JDBC batch. */
    static final int BATCH = 500;

    /** Entry and item numbers of generated rows start above the fixture's. */
    private static final int FIRST = 1000;

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final SageFixture sage;

    public SageRows(SageFixture sage) {
        this.sage = sage;
    }

    /** The Sage document number of generated payment {@code n}. */
    public static String payment(int n) {
        return "PYS" + String.format("%07d", n);
    }

    /** The PO number of generated purchase order {@code n}. */
    public static String purchaseOrder(int n) {
        return "POS" + String.format("%07d", n);
    }

    /**
     * Posted payments {@code from} to {@code from + count - 1} of vendor {@code vendor}, entered at
     * {@code entered} (local time of the company), each with one fully paid invoice.
     */
    public void payments(int from, int count, String vendor, LocalDateTime entered) {
        int date = Integer.parseInt(entered.format(DATE));
        int time =
                entered.getHour() * 1_000_000
                        + entered.getMinute() * 10_000
                        + entered.getSecond() * 100;
        try (Connection c = sage.connect("COPDAT");
                PreparedStatement entry =
                        c.prepareStatement(
                                "INSERT INTO APTCR (BTCHTYPE, CNTBTCH, CNTENTR, DOCNBR, IDVEND,"
                                        + " DATEBUS, DATERMIT, AMTRMIT, TEXTRMIT, TXTRMITREF,"
                                        + " RATEEXCHHC, ERRENTRY, RMITTYPE, AUDTDATE, AUDTTIME,"
                                        + " AUDTORG) VALUES ('PY', 701, ?, ?, ?, ?, ?, ?, ?, ?,"
                                        + " 1.0000000, 0, 1, ?, ?, 'COPDAT')");
                PreparedStatement invoice =
                        c.prepareStatement(
                                "INSERT INTO APIBH (CNTBTCH, CNTITEM, IDVEND, IDINVC, ERRENTRY,"
                                        + " AMTGROSDST, CODECURN, EXCHRATEHC) VALUES (501, ?, ?, ?,"
                                        + " 0, ?, 'MXP', 1.0000000)");
                PreparedStatement uuid =
                        c.prepareStatement(
                                "INSERT INTO APIBHO (CNTBTCH, CNTITEM, OPTFIELD, [VALUE], [TYPE],"
                                        + " [LENGTH], DECIMALS, ALLOWNULL, VALIDATE, SWSET,"
                                        + " AUDTDATE, AUDTTIME, AUDTUSER, AUDTORG) VALUES (501, ?,"
                                        + " 'FOLIOCFD', ?, 1, 60, 0, 0, 0, 1, ?, ?, 'ADMIN',"
                                        + " 'COPDAT')");
                PreparedStatement open =
                        c.prepareStatement(
                                "INSERT INTO APOBL (IDVEND, IDINVC, SWPAID) VALUES (?, ?, 1)");
                PreparedStatement applied =
                        c.prepareStatement(
                                "INSERT INTO APTCP (BATCHTYPE, CNTBTCH, CNTRMIT, CNTLINE, IDVEND,"
                                        + " IDINVC, AMTPAYM, DOCTYPE) VALUES ('PY', 701, ?, 1, ?,"
                                        + " ?, ?, 1)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                int n = from + i;
                int key = FIRST + n;
                String inv = "FS-" + n;
                BigDecimal amount = BigDecimal.valueOf(1160L + (n % 97) * 116L, 0);
                entry.setInt(1, key);
                entry.setString(2, payment(n));
                entry.setString(3, vendor);
                entry.setInt(4, date);
                entry.setInt(5, date);
                entry.setBigDecimal(6, amount);
                entry.setString(7, "Pago factura " + inv);
                entry.setString(8, "TRF-" + (900000 + n));
                entry.setInt(9, date);
                entry.setInt(10, time);
                entry.addBatch();
                invoice.setInt(1, key);
                invoice.setString(2, vendor);
                invoice.setString(3, inv);
                invoice.setBigDecimal(4, amount);
                invoice.addBatch();
                uuid.setInt(1, key);
                uuid.setString(2, UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT));
                uuid.setInt(3, date);
                uuid.setInt(4, time);
                uuid.addBatch();
                open.setString(1, vendor);
                open.setString(2, inv);
                open.addBatch();
                applied.setInt(1, key);
                applied.setString(2, vendor);
                applied.setString(3, inv);
                applied.setBigDecimal(4, amount);
                applied.addBatch();
                if ((i + 1) % BATCH == 0 || i == count - 1) {
                    for (PreparedStatement s :
                            new PreparedStatement[] {entry, invoice, uuid, open, applied}) {
                        s.executeBatch();
                    }
                    c.commit();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("payments " + from + "+" + count + ": " + e, e);
        }
    }

    /**
     * A vendor with an RFC and no portal provider id yet: its payments wait until the sync has
     * found the provider by RFC and written the id to {@code APVENO}.
     */
    public void vendorWithoutProviderId(String vendor, String rfc) {
        try (Connection c = sage.connect("COPDAT")) {
            try (PreparedStatement v =
                    c.prepareStatement(
                            "INSERT INTO APVEN (VENDORID, VENDNAME, SWACTV, CURNCODE) VALUES (?,"
                                    + " ?, 1, 'MXP')")) {
                v.setString(1, vendor);
                v.setString(2, "Proveedor " + vendor);
                v.executeUpdate();
            }
            try (PreparedStatement o =
                    c.prepareStatement(
                            "INSERT INTO APVENO (VENDORID, OPTFIELD, [VALUE], [TYPE], [LENGTH],"
                                    + " DECIMALS, ALLOWNULL, VALIDATE, SWSET, AUDTDATE, AUDTTIME,"
                                    + " AUDTUSER, AUDTORG) VALUES (?, 'RFC', ?, 1, 60, 0, 0, 0, 1,"
                                    + " 20260115, 10150000, 'ADMIN', 'COPDAT')")) {
                o.setString(1, vendor);
                o.setString(2, rfc);
                o.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("vendor " + vendor + ": " + e, e);
        }
    }

    /**
     * Purchase orders {@code from} to {@code from + count - 1} of vendor P001, approved for COPDAT
     * at {@code approved} (local time of the company).
     */
    public void purchaseOrders(int from, int count, LocalDateTime approved) {
        int date = Integer.parseInt(approved.format(DATE));
        int arrival = Integer.parseInt(approved.plusDays(10).format(DATE));
        try (Connection c = sage.connect("COPDAT");
                Connection a = sage.connect("Autorizaciones_electronicas");
                PreparedStatement header =
                        c.prepareStatement(
                                "INSERT INTO POPORH1 (PORHSEQ, PONUMBER, VDCODE, [DATE],"
                                        + " EXPARRIVAL, CURRENCY, RATE, DESCRIPTIO, [COMMENT],"
                                        + " FOBPOINT, REFERENCE, RQNNUMBER, TERMSCODE, EXTENDED,"
                                        + " DOCTOTAL, TXEXCLUDE1, TXEXCLUDE2, TXEXCLUDE3,"
                                        + " TXEXCLUDE4, TXEXCLUDE5, ISCOMPLETE, DTCOMPLETE) VALUES"
                                        + " (?, ?, 'P001', ?, ?, 'MXP', 1.0000000, 'Papel bond"
                                        + " carta', 'Entregar en almacen general', 'Juan Perez',"
                                        + " ?, ?, '30', 10000.000, 11600.000, 1600.000, 0, 0, 0,"
                                        + " 0, 0, 0)");
                PreparedStatement second =
                        c.prepareStatement(
                                "INSERT INTO POPORH2 (PORHSEQ, ENTEREDBY) VALUES (?, 'MGARCIA')");
                PreparedStatement line =
                        c.prepareStatement(
                                "INSERT INTO POPORL (PORHSEQ, PORLSEQ, PORLREV, ITEMNO, ITEMDESC,"
                                        + " UNITCOST, SQORDERED, OQCANCELED, OQOUTSTAND, EXTENDED,"
                                        + " ORDERUNIT, LOCATION) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?,"
                                        + " ?, 'CAJA', 'GEN')");
                PreparedStatement optional =
                        c.prepareStatement(
                                "INSERT INTO POPORHO (PORHSEQ, OPTFIELD, [VALUE]) VALUES (?, ?,"
                                        + " ?)");
                PreparedStatement approval =
                        a.prepareStatement(
                                "INSERT INTO Autoriza_OC (PONumber, Autorizada, Empresa) VALUES"
                                        + " (?, 1, 'COPDAT')");
                PreparedStatement detail =
                        a.prepareStatement(
                                "INSERT INTO Autoriza_OC_detalle (Empresa, PONumber, Fecha) VALUES"
                                        + " ('COPDAT', ?, ?)")) {
            c.setAutoCommit(false);
            a.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                int n = from + i;
                long seq = 100_000L + n;
                String number = purchaseOrder(n);
                header.setLong(1, seq);
                header.setString(2, number);
                header.setInt(3, date);
                header.setInt(4, arrival);
                header.setString(5, "REQ-2026-" + n);
                header.setString(6, "RQ" + n);
                header.addBatch();
                second.setLong(1, seq);
                second.addBatch();
                addLine(line, seq, 1, "PAP-BOND-CT", "Papel bond carta 75 g", 95, 80);
                addLine(line, seq, 2, "PAP-BOND-OF", "Papel bond oficio 75 g", 120, 20);
                optional.setLong(1, seq);
                optional.setString(2, "AFE");
                optional.setString(3, "AFE-2026-" + n);
                optional.addBatch();
                optional.setLong(1, seq);
                optional.setString(2, "USOCFDI");
                optional.setString(3, "G03");
                optional.addBatch();
                approval.setString(1, number);
                approval.addBatch();
                detail.setString(1, number);
                detail.setTimestamp(2, Timestamp.valueOf(approved));
                detail.addBatch();
                if ((i + 1) % BATCH == 0 || i == count - 1) {
                    for (PreparedStatement s :
                            new PreparedStatement[] {header, second, line, optional}) {
                        s.executeBatch();
                    }
                    approval.executeBatch();
                    detail.executeBatch();
                    c.commit();
                    a.commit();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("purchase orders " + from + "+" + count + ": " + e, e);
        }
    }

    /**
     * Deletes generated payment {@code n} of {@code vendor} with its invoice, and its FESA row: for
     * payments long out of the lookback window, which the sync no longer reads.
     */
    public void forgetPayment(int n, String vendor) {
        int key = FIRST + n;
        String inv = "FS-" + n;
        delete(
                "COPDAT",
                "DELETE FROM APTCR WHERE BTCHTYPE = 'PY' AND CNTBTCH = 701 AND CNTENTR = ?",
                key);
        delete(
                "COPDAT",
                "DELETE FROM APTCP WHERE BATCHTYPE = 'PY' AND CNTBTCH = 701 AND CNTRMIT = ?",
                key);
        delete("COPDAT", "DELETE FROM APIBH WHERE CNTBTCH = 501 AND CNTITEM = ?", key);
        delete("COPDAT", "DELETE FROM APIBHO WHERE CNTBTCH = 501 AND CNTITEM = ?", key);
        delete("COPDAT", "DELETE FROM APOBL WHERE IDVEND = ? AND IDINVC = ?", vendor, inv);
        delete("FESA", "DELETE FROM fesaPagosFocaltec WHERE NoPagoSage = ?", payment(n));
    }

    /**
     * Deletes generated purchase order {@code n}, its approval and its FESA rows: for orders long
     * out of the lookback window, which the sync no longer reads.
     */
    public void forgetPurchaseOrder(int n) {
        long seq = 100_000L + n;
        String number = purchaseOrder(n);
        for (String table : new String[] {"POPORH1", "POPORH2", "POPORL", "POPORHO"}) {
            delete("COPDAT", "DELETE FROM " + table + " WHERE PORHSEQ = ?", seq);
        }
        delete("Autorizaciones_electronicas", "DELETE FROM Autoriza_OC WHERE PONumber = ?", number);
        delete(
                "Autorizaciones_electronicas",
                "DELETE FROM Autoriza_OC_detalle WHERE PONumber = ?",
                number);
        delete("FESA", "DELETE FROM fesaOCFocaltec WHERE ocSage = ?", number);
    }

    /** Deletes a vendor made by {@link #vendorWithoutProviderId} with its optional fields. */
    public void forgetVendor(String vendor) {
        delete("COPDAT", "DELETE FROM APVENO WHERE VENDORID = ?", vendor);
        delete("COPDAT", "DELETE FROM APVEN WHERE VENDORID = ?", vendor);
    }

    private void delete(String database, String sql, Object... params) {
        try (Connection c = sage.connect(database);
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e, e);
        }
    }

    private static void addLine(
            PreparedStatement line,
            long seq,
            int n,
            String item,
            String description,
            int unitCost,
            int quantity)
            throws SQLException {
        line.setLong(1, seq);
        line.setInt(2, n);
        line.setInt(3, n);
        line.setString(4, item);
        line.setString(5, description);
        line.setBigDecimal(6, BigDecimal.valueOf(unitCost));
        line.setBigDecimal(7, BigDecimal.valueOf(quantity));
        line.setBigDecimal(8, BigDecimal.valueOf(quantity));
        line.setBigDecimal(9, BigDecimal.valueOf((long) unitCost * quantity));
        line.addBatch();
    }
}
