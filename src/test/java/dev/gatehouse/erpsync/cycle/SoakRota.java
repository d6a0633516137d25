package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.SageRows;
import dev.gatehouse.erpsync.SyncScenario;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What happens to one company between the cycles of a soak: each cycle a new Sage payment (sent
 * once it is an hour old) and a new approved purchase order, every tenth cycle a new invoice at the
 * portal to download (and take into Sage after the cycle, as the importer does), and one fault of a
 * fixed rota of twenty cycles, injected before its cycle and cleared after it. Every fault kind
 * comes back at the same place of every rota, so any quarter of a run made of whole rotas sees the
 * same mix. What is long out of the lookback window is deleted, so that the work of a cycle stops
 * growing once the window is full.
 */
final class SoakRota {

    /** The faults, by where they hit. */
    enum Fault {
        NONE,
        /**
         * The portal answers 500 to the next payment and purchase-order requests, keeping nothing.
         */
        PORTAL_500,
        /** The portal keeps the next two items sent but answers after the client gave up. */
        LOST_ANSWERS,
        /** Every portal answer comes after the client's timeout: the cycle's first call fails. */
        PORTAL_TIMEOUT,
        /** A Sage table the payment steps read is missing: their query fails. */
        SQL_ERROR,
        /** A Sage row the payment step must write is locked: the step overruns and is cancelled. */
        HUNG_STATEMENT,
        /** The importer ignores SIGTERM and has a child: it is killed at its timeout. */
        HANGING_IMPORTER
    }

    /** The rota's length in cycles. */
    static final int LENGTH = 20;

    /**
     * The portal suppliers the new vendors of {@link Fault#HUNG_STATEMENT} are found as, in turn. A
     * bounded set keeps the portal's supplier listing small: {@code FakePortal} leaks a connection
     * for every answer of more than about 8 KiB whose client has given up (the listing a portal
     * timeout hits), which would show here as the test's own descriptors growing.
     */
    static final int SUPPLIERS = 4;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The portal provider of vendor P001, with a bank account: its invoices are downloaded. */
    static final String P001 = "64b7f0c2e4b0a1a2b3c4d5e6";

    private final SyncScenario s;
    private final SageRows rows;
    private final PortalPosts posts;
    private final Path hangFlag;
    private final Duration portalTimeout;
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private final List<String> payments = new ArrayList<>();
    private final List<String> orders = new ArrayList<>();
    private final int lookbackDays;
    private final java.util.ArrayDeque<Added> added = new java.util.ArrayDeque<>();
    private @Nullable Connection holder;
    private @Nullable String invoice;

    /** What one cycle added to Sage, on which day. */
    private record Added(int cycle, LocalDate day, boolean vendor) {}

    SoakRota(
            SyncScenario s,
            PortalPosts posts,
            Path hangFlag,
            Duration portalTimeout,
            int lookbackDays) {
        this.s = s;
        this.lookbackDays = lookbackDays;
        this.rows = new SageRows(s.sage);
        this.posts = posts;
        this.hangFlag = hangFlag;
        this.portalTimeout = portalTimeout;
        s.portal.addProvider(provider(P001, "PNO980101AB1", "P001"));
    }

    /** The fault of {@code cycle}. */
    static Fault faultOf(int cycle) {
        return switch (cycle % LENGTH) {
            case 1, 11 -> Fault.PORTAL_500;
            case 3 -> Fault.LOST_ANSWERS;
            case 5, 13 -> Fault.SQL_ERROR;
            case 7 -> Fault.PORTAL_TIMEOUT;
            case 9 -> Fault.HUNG_STATEMENT;
            case 19 -> Fault.HANGING_IMPORTER;
            default -> Fault.NONE;
        };
    }

    /**
     * Adds cycle {@code cycle}'s new items at {@code now} (company time), forgets those long out of
     * the lookback window, and injects the cycle's fault.
     */
    Fault before(int cycle, LocalDateTime now) {
        forgetBefore(now.toLocalDate().minusDays(lookbackDays + 1L));
        added.add(new Added(cycle, now.toLocalDate(), faultOf(cycle) == Fault.HUNG_STATEMENT));
        rows.payments(cycle, 1, "P001", now);
        payments.add(SageRows.payment(cycle));
        rows.purchaseOrders(cycle, 1, now);
        orders.add(SageRows.purchaseOrder(cycle));
        if (cycle % 10 == 0) {
            invoice = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
            s.portal.addCfdi(cfdi("c" + cycle, invoice), xml(invoice));
        }
        Fault f = faultOf(cycle);
        injected.merge(f, 1, Integer::sum);
        switch (f) {
            case NONE -> {}
            case PORTAL_500 -> {
                posts.failNext("/payments", 500);
                posts.failNext("/purchase-orders", 500);
            }
            case LOST_ANSWERS -> s.portal.loseAnswers(2, portalTimeout.plusMillis(150));
            case PORTAL_TIMEOUT -> s.portal.delayAll(portalTimeout.plusMillis(100));
            case SQL_ERROR -> sql("ALTER TABLE APTCR RENAME TO APTCR_SOAK");
            case HUNG_STATEMENT -> hangOnAVendorRow(cycle, now);
            case HANGING_IMPORTER -> touch(hangFlag);
        }
        return f;
    }

    /**
     * Clears the fault of the cycle that just ended, and takes the invoice it downloaded into Sage
     * as the importer would (so that, as in production, it is not pending the next cycle).
     */
    void after(int cycle, Fault f) {
        if (invoice != null) {
            sql(
                    "INSERT INTO POINVH1 (INVHSEQ, INVNUMBER) VALUES ("
                            + (100_000 + cycle)
                            + ", 'FS-"
                            + cycle
                            + "')");
            sql(
                    "INSERT INTO POINVHO (INVHSEQ, OPTFIELD, [VALUE]) VALUES ("
                            + (100_000 + cycle)
                            + ", 'FOLIOCFD', '"
                            + invoice
                            + "')");
            invoice = null;
        }
        switch (f) {
            case NONE, PORTAL_500, LOST_ANSWERS -> {}
            case PORTAL_TIMEOUT -> s.portal.delayAll(Duration.ZERO);
            case SQL_ERROR -> sql("ALTER TABLE APTCR_SOAK RENAME TO APTCR");
            case HUNG_STATEMENT -> release();
            case HANGING_IMPORTER -> delete(hangFlag);
        }
    }

    /**
     * Deletes from Sage what cycles added before {@code day}: rows the sync no longer reads, since
     * they are out of its lookback window. In production they stay on the SQL Server; here the
     * databases live in the node's JVM, and a soak's workload must be steady for its heap to be.
     */
    private void forgetBefore(LocalDate day) {
        while (!added.isEmpty() && added.peekFirst().day().isBefore(day)) {
            Added a = added.removeFirst();
            rows.forgetPayment(a.cycle(), "P001");
            rows.forgetPurchaseOrder(a.cycle());
            if (a.vendor()) {
                rows.forgetPayment(100_000 + a.cycle(), "PV" + a.cycle());
                rows.forgetVendor("PV" + a.cycle());
            }
            if (a.cycle() % 10 == 0) {
                sql("DELETE FROM POINVHO WHERE INVHSEQ = " + (100_000 + a.cycle()));
                sql("DELETE FROM POINVH1 WHERE INVHSEQ = " + (100_000 + a.cycle()));
            }
        }
    }

    Map<Fault, Integer> injected() {
        return Map.copyOf(injected);
    }

    /** The payments this rota added, all of them due to be sent. */
    List<String> payments() {
        return List.copyOf(payments);
    }

    /** The purchase orders this rota added, all of them due to be sent. */
    List<String> orders() {
        return List.copyOf(orders);
    }

    /**
     * A payment of a new vendor whose provider id the sync must first find at the portal by RFC
     * (one of {@link #SUPPLIERS}) and write to {@code APVENO}, while another session holds that
     * very row uncommitted.
     */
    private void hangOnAVendorRow(int cycle, LocalDateTime now) {
        String vendor = "PV" + cycle;
        int slot = (cycle / LENGTH) % SUPPLIERS;
        String rfc = String.format("SOK%06dXY9", slot);
        rows.vendorWithoutProviderId(vendor, rfc);
        if (cycle < LENGTH * SUPPLIERS) {
            s.portal.addProvider(provider(String.format("%024x", 0x50a0000L + slot), rfc, vendor));
        }
        int n = 100_000 + cycle;
        rows.payments(n, 1, vendor, now.minusHours(2));
        payments.add(SageRows.payment(n));
        try {
            holder = s.sage.connect("COPDAT");
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeUpdate(
                        "INSERT INTO APVENO (VENDORID, OPTFIELD, [VALUE], [TYPE], [LENGTH],"
                                + " DECIMALS, ALLOWNULL, VALIDATE, SWSET, AUDTDATE, AUDTTIME,"
                                + " AUDTUSER, AUDTORG) VALUES ('"
                                + vendor
                                + "', 'PROVIDERID', 'held', 1, 60, 0, 0, 0, 1, 20261207, 0,"
                                + " 'HOLD', 'COPDAT')");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void release() {
        try (Connection c = holder) {
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        holder = null;
    }

    private void sql(String statement) {
        try (Connection c = s.sage.connect("COPDAT");
                Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    private static void touch(Path p) {
        try {
            Files.writeString(p, "hang");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A supplier as the portal lists it, with a bank account. */
    static ObjectNode provider(String id, String rfc, String vendor) {
        ObjectNode p =
                JSON.createObjectNode()
                        .put("id", id)
                        .put("external_id", vendor)
                        .put("name", "Proveedor " + vendor)
                        .put("rfc", rfc)
                        .put("type", "NACIONAL")
                        .put("credit_days", 30)
                        .put("tax_id", "");
        ObjectNode exp = p.putObject("expedient").put("approved", "2026-12-07T09:15:30.250Z");
        exp.putArray("addresses")
                .addObject()
                .put("street", "Av. Reforma")
                .put("exterior_number", "100")
                .put("suburb", "Centro")
                .put("city", "Monterrey")
                .put("state", "Nuevo Leon")
                .put("country", "MEX")
                .put("zip", "64000");
        exp.putArray("contacts")
                .addObject()
                .put("name", "Ana Perez")
                .put("email", "ana@proveedor.example")
                .put("phone", "8112345678");
        exp.putArray("bank_accounts")
                .addObject()
                .put("bank", "BANORTE")
                .put("clabe", "072580001234567890")
                .put("account", "0123456789")
                .put("currency", "MXN");
        return p;
    }

    /** An invoice of P001 to Copamex pending to pay, for PO0001. */
    private static ObjectNode cfdi(String id, String uuid) {
        ObjectNode c =
                JSON.createObjectNode()
                        .put("id", id)
                        .put("uuid", uuid.toLowerCase(Locale.ROOT))
                        .put("cfdi_type", "INVOICE")
                        .put("stage", "PENDING_TO_PAY");
        c.putObject("receiver").put("rfc", "CDA010101AAA");
        ObjectNode meta = c.putObject("metadata").put("provider_id", P001);
        ObjectNode info = meta.putArray("additional_info").addObject();
        info.putObject("field").put("external_id", "OC");
        info.putObject("value").put("raw", "PO0001");
        return c;
    }

    private static String xml(String uuid) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cfdi:Comprobante"
                + " xmlns:cfdi=\"http://www.sat.gob.mx/cfd/4\" Folio=\"1001\""
                + " Total=\"11600.00\"><cfdi:Emisor Rfc=\"PNO980101AB1\"/><cfdi:Receptor"
                + " Rfc=\"CDA010101AAA\"/><cfdi:Complemento UUID=\""
                + uuid
                + "\"/></cfdi:Comprobante>";
    }
}
