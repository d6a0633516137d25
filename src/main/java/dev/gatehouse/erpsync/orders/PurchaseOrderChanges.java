package dev.gatehouse.erpsync.orders;

import dev.gatehouse.erpsync.SageDates;
import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.flow.StepContext;
import dev.gatehouse.erpsync.portal.PortalAnswer;
import dev.gatehouse.erpsync.portal.PortalLookup;
import dev.gatehouse.erpsync.sage.SageDatabase;
import dev.gatehouse.erpsync.sage.SageSql;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cycle's {@code processOrderChanges} and {@code closePurchaseOrders} steps (SageConnect's F6
 * and F7), on POs the portal has (FESA's latest row for the PO is {@code POSTED} with a portal id):
 *
 * <ul>
 *   <li>fully cancelled in Sage (every line's cancelled quantity equals its ordered quantity) →
 *       {@code PUT …/purchase-orders/{id}/status {"status":"CANCELLED"}}, FESA row {@code
 *       CANCELLED};
 *   <li>partly cancelled → the PO sent again with each line's outstanding quantity and lines of
 *       zero left out ({@code PUT …/purchase-orders/{id}}), FESA's {@code lastUpdate} moved;
 *   <li>completed within the last month, received and fully invoiced → {@code {"status":
 *       "CLOSED"}}, FESA row {@code CLOSED}.
 * </ul>
 *
 * Unlike SageConnect, which looked only at POs approved today, changes are looked for on every PO
 * approved within {@code RETRY_LOOKBACK_DAYS}. Both PUTs are idempotent; a failed one is tried
 * again on the next tick.
 */
public final class PurchaseOrderChanges {

    public static final String CHANGES_STEP = "processOrderChanges";
    public static final String CLOSING_STEP = "closePurchaseOrders";

    private static final Logger log = LoggerFactory.getLogger(PurchaseOrderChanges.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SyncSettings settings;

    public PurchaseOrderChanges(SyncSettings settings) {
        this.settings = settings;
    }

    /** What {@code processOrderChanges} did. */
    public record Changes(
            int fullyCancelledOrders,
            int partiallyCancelledOrders,
            int ordersCancelled,
            int ordersUpdated,
            int errors) {}

    /** What {@code closePurchaseOrders} did. */
    public record Closing(int completed, int closed, int errors) {}

    public Changes changes(StepContext ctx) {
        String db = ctx.companyDatabase();
        LocalDateTime now = LocalDateTime.ofInstant(ctx.now(), ctx.zone());
        List<String> approved =
                SageOrders.approvedSince(
                        ctx.sql(SageDatabase.APPROVALS),
                        db,
                        now.toLocalDate().minusDays(settings.retryLookbackDays()).atStartOfDay());
        SageSql control = ctx.sql(SageDatabase.CONTROL);
        Map<String, List<SageOrders.Control>> fesa = SageOrders.control(control, db);
        int full = 0;
        int partial = 0;
        int cancelled = 0;
        int updated = 0;
        int errors = 0;
        for (Map.Entry<String, List<SageOrders.Row>> po :
                byNumber(SageOrders.rows(ctx.sql(SageDatabase.COMPANY), approved)).entrySet()) {
            ctx.cancellation().check();
            String portalId = posted(fesa.getOrDefault(po.getKey(), List.of()));
            List<SageOrders.Row> lines =
                    po.getValue().stream().filter(l -> l.lineSeq() != null).toList();
            BigDecimal ordered = sum(lines, SageOrders.Row::ordered);
            BigDecimal cancelledQty = sum(lines, SageOrders.Row::cancelled);
            if (portalId == null || cancelledQty.signum() <= 0) {
                continue;
            }
            if (cancelledQty.compareTo(ordered) >= 0) {
                full++;
                if (status(ctx, portalId, "CANCELLED")) {
                    SageOrders.updateControl(control, po.getKey(), "CANCELLED", db, now);
                    cancelled++;
                } else {
                    errors++;
                }
            } else {
                partial++;
                PurchaseOrderPayload.Built built =
                        PurchaseOrderPayload.of(
                                lines, ctx.company().config(), SageOrders.Row::outstanding);
                if (!built.problems().isEmpty()) {
                    log.warn(
                            "PO {} of {} not updated: {}",
                            po.getKey(),
                            ctx.company().publicId(),
                            built.problems());
                    errors++;
                    continue;
                }
                PortalAnswer a =
                        ctx.portal()
                                .put(
                                        ctx.portal().extern("/purchase-orders/" + portalId),
                                        built.body());
                if (a instanceof PortalAnswer.Stored) {
                    SageOrders.updateControl(control, po.getKey(), "POSTED", db, now);
                    updated++;
                } else {
                    log.warn(
                            "PO {} of {} not updated: {}",
                            po.getKey(),
                            ctx.company().publicId(),
                            a);
                    errors++;
                }
            }
        }
        return new Changes(full, partial, cancelled, updated, errors);
    }

    public Closing closing(StepContext ctx) {
        String db = ctx.companyDatabase();
        LocalDateTime now = LocalDateTime.ofInstant(ctx.now(), ctx.zone());
        int since = SageDates.number(LocalDate.from(now).minusMonths(1));
        SageSql control = ctx.sql(SageDatabase.CONTROL);
        Map<String, List<SageOrders.Control>> fesa = SageOrders.control(control, db);
        int completed = 0;
        int closed = 0;
        int errors = 0;
        for (String po :
                byNumber(SageOrders.completedAndInvoiced(ctx.sql(SageDatabase.COMPANY), since))
                        .keySet()) {
            ctx.cancellation().check();
            String portalId = posted(fesa.getOrDefault(po, List.of()));
            if (portalId == null) {
                continue;
            }
            completed++;
            if (status(ctx, portalId, "CLOSED")) {
                SageOrders.updateControl(control, po, "CLOSED", db, now);
                closed++;
            } else {
                errors++;
            }
        }
        return new Closing(completed, closed, errors);
    }

    /** The statuses an operator may set at the portal. */
    public static final java.util.Set<String> STATUSES =
            java.util.Set.of("OPEN", "CLOSED", "CANCELLED", "GENERATED");

    /** What {@link #setStatus} did. */
    public sealed interface StatusChange {}

    /** The portal took the status; FESA records it. */
    public record StatusSet(String portalId) implements StatusChange {}

    /** The portal has no such purchase order (never sent, or it lost it). */
    public record NotAtPortal() implements StatusChange {}

    /** The portal refused the status or did not answer; nothing was recorded. */
    public record StatusNotSet(String reason) implements StatusChange {}

    /**
     * Sets {@code poNumber}'s status at the portal as an operator asks (SageConnect's {@code PUT
     * /api/pos/status}). The portal id is {@code knownPortalId} (the ledger's), else the last one
     * FESA recorded, else the portal's answer to a lookup by external id. Once the portal took it,
     * FESA's rows of the PO move to the status, {@code OPEN} and {@code GENERATED} as {@code
     * POSTED} (what FESA calls a PO that is live at the portal, so the cycle keeps closing and
     * cancelling it).
     */
    public StatusChange setStatus(
            StepContext ctx,
            String poNumber,
            String status,
            @org.jspecify.annotations.Nullable String knownPortalId) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("not a portal PO status: " + status);
        }
        String db = ctx.companyDatabase();
        SageSql control = ctx.sql(SageDatabase.CONTROL);
        String portalId = knownPortalId;
        if (portalId == null) {
            portalId =
                    SageOrders.control(control, db).getOrDefault(poNumber, List.of()).stream()
                            .map(SageOrders.Control::portalId)
                            .filter(id -> !id.isEmpty())
                            .reduce((first, second) -> second)
                            .orElse(null);
        }
        if (portalId == null) {
            switch (PortalLookup.purchaseOrder(ctx.portal(), poNumber)) {
                case PortalLookup.Found f -> portalId = f.id();
                case PortalLookup.Absent a -> {
                    return new NotAtPortal();
                }
                case PortalLookup.Unknown u -> {
                    return new StatusNotSet("the portal could not be asked: " + u.reason());
                }
            }
        }
        PortalAnswer a =
                ctx.portal()
                        .put(
                                ctx.portal().extern("/purchase-orders/" + portalId + "/status"),
                                JSON.createObjectNode().put("status", status));
        return switch (a) {
            case PortalAnswer.Stored stored -> {
                String fesa =
                        status.equals("OPEN") || status.equals("GENERATED") ? "POSTED" : status;
                SageOrders.updateControl(
                        control,
                        poNumber,
                        fesa,
                        db,
                        LocalDateTime.ofInstant(ctx.now(), ctx.zone()));
                log.info(
                        "[PORTAL-CHECK] tenant={} po={} status={} set by an operator (portal id"
                                + " {})",
                        ctx.company().publicId(),
                        poNumber,
                        status,
                        portalId);
                yield new StatusSet(portalId);
            }
            case PortalAnswer.Refused r when r.status() == 404 -> new NotAtPortal();
            case PortalAnswer.Refused r ->
                    new StatusNotSet("the portal refused it: " + r.status() + " " + r.code());
            case PortalAnswer.Unanswered u ->
                    new StatusNotSet("the portal did not answer: " + u.reason());
        };
    }

    private static boolean status(StepContext ctx, String portalId, String status) {
        PortalAnswer a =
                ctx.portal()
                        .put(
                                ctx.portal().extern("/purchase-orders/" + portalId + "/status"),
                                JSON.createObjectNode().put("status", status));
        if (!(a instanceof PortalAnswer.Stored)) {
            log.warn(
                    "Status {} of portal PO {} ({}) not set: {}",
                    status,
                    portalId,
                    ctx.company().publicId(),
                    a);
            return false;
        }
        return true;
    }

    /**
     * The portal id of a PO FESA records as created and still open: a {@code POSTED} row with a
     * portal id and no later {@code CANCELLED} or {@code CLOSED} row ({@code ERROR} rows of later
     * attempts change nothing).
     */
    private static @org.jspecify.annotations.Nullable String posted(List<SageOrders.Control> rows) {
        String open = null;
        for (SageOrders.Control r : rows) {
            if (r.status().equals("POSTED") && !r.portalId().isEmpty()) {
                open = r.portalId();
            } else if (r.status().equals("CANCELLED") || r.status().equals("CLOSED")) {
                open = null;
            }
        }
        return open;
    }

    private static Map<String, List<SageOrders.Row>> byNumber(List<SageOrders.Row> rows) {
        Map<String, List<SageOrders.Row>> out = new LinkedHashMap<>();
        rows.forEach(r -> out.computeIfAbsent(r.poNumber(), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static BigDecimal sum(
            List<SageOrders.Row> lines, java.util.function.Function<SageOrders.Row, BigDecimal> f) {
        return lines.stream().map(f).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
